// CallCanceller: the link between a call's deadline or cancellation, seen on some other thread,
// and the statement that call is running on a database thread. Cancel() stops the statement now
// (Connection::Cancel, SQLCancel) instead of leaving the database thread busy until it finishes.
#pragma once

#include <mutex>

#include "adapters/odbc/connection.h"

namespace omnihub::odbc {

// Thread-safe. One per call; shared between the call's timer/cancel callbacks and its work.
class CallCanceller {
 public:
  // While alive, Cancel() reaches `connection`. Made by Attach() on the database thread.
  class Attachment {
   public:
    Attachment(CallCanceller& canceller, Connection& connection);
    ~Attachment();
    Attachment(const Attachment&) = delete;
    Attachment& operator=(const Attachment&) = delete;

   private:
    CallCanceller& canceller_;
  };

  // Any thread, any number of times: cancels the attached connection's statement (its later
  // statements are refused with CANCELLED too) and every connection attached later. The
  // cancelled connection is not lent again by its pool (ConnectionPool discards it).
  void Cancel();
  bool cancelled() const;

  // The database thread, around its work on `connection` (a call may use a second connection
  // when the pool retries): `auto attached = canceller.Attach(connection);`.
  [[nodiscard]] Attachment Attach(Connection& connection) { return Attachment(*this, connection); }

 private:
  mutable std::mutex mutex_;
  Connection* attached_ = nullptr;
  bool cancelled_ = false;
};

}  // namespace omnihub::odbc
