#include "adapters/odbc/call_canceller.h"

namespace omnihub::odbc {

CallCanceller::Attachment::Attachment(CallCanceller& canceller, Connection& connection)
    : canceller_(canceller) {
  std::lock_guard lock(canceller_.mutex_);
  canceller_.attached_ = &connection;
  if (canceller_.cancelled_) connection.Cancel();
}

CallCanceller::Attachment::~Attachment() {
  std::lock_guard lock(canceller_.mutex_);
  canceller_.attached_ = nullptr;
}

void CallCanceller::Cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  if (attached_ != nullptr) attached_->Cancel();
}

bool CallCanceller::cancelled() const {
  std::lock_guard lock(mutex_);
  return cancelled_;
}

}  // namespace omnihub::odbc
