// Shop: the ecommerce slice of a generated world as the web shop's database holds it, plus what
// the admin API adds at run time (customers created or changed, order notes, goodwill discount
// codes).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tools/simulators/world/world.h"

namespace omnihub::ecommerce_sim {

// An order note: from the generated world, or added through the API.
struct Note {
  std::string id;
  std::string order_id;      // empty for a note on the customer, not on an order
  std::string order_number;  // empty likewise
  world::Time created_at;
  std::string author;  // "customer", "support:amy", "system"
  std::string body;
};

struct DiscountCode {
  std::string id;
  std::string code;  // "GW-00000001"
  std::string customer_id;
  std::string order_number;  // may be empty
  int64_t amount_minor = 0;
  std::string currency;
  std::string reason;
  world::Time created_at;
};

// What a change of a customer sets: each engaged field replaces the stored one ("" clears it).
struct CustomerChanges {
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> twitter_handle;
  std::optional<std::string> facebook_id;
};

// The shop's records. Orders are the world's (immutable); the world's customers may be changed
// and new ones created through the API; those changes, notes and discount codes live in memory for
// the life of the process.
//
// Customers are returned by value (a change may replace a record while a caller reads it).
// Thread-safe: world indexes are immutable; what the API adds is guarded by a mutex.
class Shop {
 public:
  explicit Shop(std::shared_ptr<const world::World> world);

  // The world's customers, then those created through the API.
  size_t customer_count() const;
  // Customers in a stable order (the world's, then by creation), for the paged customer list;
  // `index` < customer_count().
  world::EcomCustomer customer_at(size_t index) const;
  // Nullopt when the shop has no such customer.
  std::optional<world::EcomCustomer> FindCustomer(std::string_view id) const;
  // By e-mail, case and surrounding spaces ignored.
  std::vector<world::EcomCustomer> FindByEmail(std::string_view email) const;
  // By phone, any common UK format ("07700 900123", "+44 (0)7700 900123", ...); empty input or
  // fewer than 6 digits finds nothing.
  std::vector<world::EcomCustomer> FindByPhone(std::string_view phone) const;

  enum class WriteResult { kDone, kNotFound, kEmailTaken };
  // Creates a customer from `customer`'s fields (its e-mail must be set; the caller validates
  // them): sets its id and created_at = `now`. Ids of created customers start above every id of
  // the generated population (the next whole million), so they never collide with it.
  // kEmailTaken when another customer has that e-mail (case ignored).
  WriteResult AddCustomer(world::EcomCustomer& customer, world::Time now);
  // Applies `changes` to customer `id`; `customer` receives the changed record. kEmailTaken when
  // the new e-mail is another customer's.
  WriteResult ChangeCustomer(std::string_view id, const CustomerChanges& changes,
                             world::EcomCustomer& customer);

  // The customer's orders, newest first.
  std::vector<const world::EcomOrder*> Orders(std::string_view customer_id) const;
  // Null when the customer has no order with that number.
  const world::EcomOrder* FindOrder(std::string_view customer_id,
                                    std::string_view order_number) const;

  // The notes on the customer's orders and on the customer, newest first (ties: by id).
  std::vector<Note> Notes(std::string_view customer_id) const;
  // The notes on one order, oldest first (as an order shows them).
  std::vector<Note> OrderNotes(const world::EcomOrder& order) const;

  // Adds a note (the order, if given, must be the customer's: the caller checks).
  Note AddNote(const world::EcomCustomer& customer, const world::EcomOrder* order,
               std::string author, std::string body, world::Time now);
  DiscountCode AddDiscountCode(const world::EcomCustomer& customer, std::string order_number,
                               int64_t amount_minor, std::string currency, std::string reason,
                               world::Time now);

  // "7700900123" from any common way of writing a UK number: digits only, then without a
  // leading "00", "44" and "0".
  static std::string NationalDigits(std::string_view phone);

 private:
  std::shared_ptr<const world::World> world_;
  std::unordered_map<std::string, std::vector<size_t>> orders_;  // customer id -> orders
  std::unordered_map<std::string, std::vector<size_t>> by_email_;
  std::unordered_map<std::string, std::vector<size_t>> by_phone_;

  // The current record of a world customer; `mutex_` held.
  const world::EcomCustomer& CurrentLocked(size_t world_index) const;
  // Customers of the current records whose key (by `key_of`) is `key`, world's first; `mutex_`
  // held.
  template <typename KeyOf>
  std::vector<world::EcomCustomer> MatchingLocked(
      const std::unordered_map<std::string, std::vector<size_t>>& world_index,
      const std::string& key, KeyOf key_of) const;
  bool EmailTakenLocked(const std::string& email, std::string_view except_id) const;

  uint64_t first_new_id_ = 0;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, world::EcomCustomer> changed_;  // world id -> changed record
  std::vector<world::EcomCustomer> created_;
  std::unordered_map<std::string, size_t> created_index_;  // id -> index in created_
  std::vector<Note> added_notes_;
  std::vector<DiscountCode> discount_codes_;
};

}  // namespace omnihub::ecommerce_sim
