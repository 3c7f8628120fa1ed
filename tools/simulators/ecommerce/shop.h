// Shop: the ecommerce slice of a generated world as the web shop's database holds it, plus what
// the admin API adds at run time (order notes, goodwill discount codes).
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

// The shop's records. Customers and orders are the world's (immutable); notes and discount codes
// added through the API live in memory for the life of the process.
//
// Thread-safe: lookups of world records are lock-free (immutable indexes); notes and discount
// codes are guarded by a mutex.
class Shop {
 public:
  explicit Shop(std::shared_ptr<const world::World> world);

  size_t customer_count() const { return world_->ecom_customers.size(); }
  // Customers in a stable order (the world's), for the paged customer list.
  const world::EcomCustomer& customer_at(size_t index) const {
    return world_->ecom_customers[index];
  }
  // Null when the shop has no such customer.
  const world::EcomCustomer* FindCustomer(std::string_view id) const;
  // By e-mail, case and surrounding spaces ignored.
  std::vector<const world::EcomCustomer*> FindByEmail(std::string_view email) const;
  // By phone, any common UK format ("07700 900123", "+44 (0)7700 900123", ...); empty input or
  // fewer than 6 digits finds nothing.
  std::vector<const world::EcomCustomer*> FindByPhone(std::string_view phone) const;

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

  mutable std::mutex mutex_;
  std::vector<Note> added_notes_;
  std::vector<DiscountCode> discount_codes_;
};

}  // namespace omnihub::ecommerce_sim
