#include "tools/simulators/ecommerce/shop.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace omnihub::ecommerce_sim {
namespace {

std::string LowerTrimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool NewerFirst(const Note& a, const Note& b) {
  if (a.created_at != b.created_at) return a.created_at > b.created_at;
  return a.id < b.id;
}

}  // namespace

Shop::Shop(std::shared_ptr<const world::World> world) : world_(std::move(world)) {
  for (size_t i = 0; i < world_->ecom_orders.size(); ++i) {
    orders_[world_->ecom_orders[i].customer_id].push_back(i);
  }
  for (size_t i = 0; i < world_->ecom_customers.size(); ++i) {
    const auto& customer = world_->ecom_customers[i];
    by_email_[LowerTrimmed(customer.email)].push_back(i);
    const std::string phone = NationalDigits(customer.phone);
    if (!phone.empty()) by_phone_[phone].push_back(i);
  }
}

std::string Shop::NationalDigits(std::string_view phone) {
  std::string digits = world::DigitsOnly(phone);
  if (digits.starts_with("00")) digits.erase(0, 2);
  if (digits.starts_with("44")) digits.erase(0, 2);
  if (digits.starts_with("0")) digits.erase(0, 1);
  return digits;
}

const world::EcomCustomer* Shop::FindCustomer(std::string_view id) const {
  return world_->ecom_customer(id);
}

std::vector<const world::EcomCustomer*> Shop::FindByEmail(std::string_view email) const {
  std::vector<const world::EcomCustomer*> found;
  const auto it = by_email_.find(LowerTrimmed(email));
  if (it == by_email_.end()) return found;
  for (size_t index : it->second) found.push_back(&world_->ecom_customers[index]);
  return found;
}

std::vector<const world::EcomCustomer*> Shop::FindByPhone(std::string_view phone) const {
  std::vector<const world::EcomCustomer*> found;
  const std::string digits = NationalDigits(phone);
  if (digits.size() < 6) return found;
  const auto it = by_phone_.find(digits);
  if (it == by_phone_.end()) return found;
  for (size_t index : it->second) found.push_back(&world_->ecom_customers[index]);
  return found;
}

std::vector<const world::EcomOrder*> Shop::Orders(std::string_view customer_id) const {
  std::vector<const world::EcomOrder*> orders;
  const auto it = orders_.find(std::string(customer_id));
  if (it == orders_.end()) return orders;
  for (size_t index : it->second) orders.push_back(&world_->ecom_orders[index]);
  std::stable_sort(orders.begin(), orders.end(),
                   [](const auto* a, const auto* b) { return a->created_at > b->created_at; });
  return orders;
}

const world::EcomOrder* Shop::FindOrder(std::string_view customer_id,
                                        std::string_view order_number) const {
  const auto it = orders_.find(std::string(customer_id));
  if (it == orders_.end()) return nullptr;
  for (size_t index : it->second) {
    if (world_->ecom_orders[index].order_number == order_number) {
      return &world_->ecom_orders[index];
    }
  }
  return nullptr;
}

std::vector<Note> Shop::OrderNotes(const world::EcomOrder& order) const {
  std::vector<Note> notes;
  for (size_t n = 0; n < order.notes.size(); ++n) {
    const auto& note = order.notes[n];
    notes.push_back({order.id + "-" + std::to_string(n + 1), order.id, order.order_number,
                     note.created_at, note.author, note.body});
  }
  std::lock_guard lock(mutex_);
  for (const Note& note : added_notes_) {
    if (note.order_id == order.id) notes.push_back(note);
  }
  return notes;
}

std::vector<Note> Shop::Notes(std::string_view customer_id) const {
  std::vector<Note> notes;
  for (const world::EcomOrder* order : Orders(customer_id)) {
    auto order_notes = OrderNotes(*order);
    notes.insert(notes.end(), order_notes.begin(), order_notes.end());
  }
  {
    std::lock_guard lock(mutex_);
    for (const Note& note : added_notes_) {
      if (note.order_id.empty() && note.id.starts_with(std::string(customer_id) + "-n")) {
        notes.push_back(note);
      }
    }
  }
  std::sort(notes.begin(), notes.end(), NewerFirst);
  return notes;
}

Note Shop::AddNote(const world::EcomCustomer& customer, const world::EcomOrder* order,
                   std::string author, std::string body, world::Time now) {
  std::lock_guard lock(mutex_);
  Note note;
  // Customer notes carry the customer id in theirs, so Notes() finds them without an index.
  note.id = customer.id + "-n" + std::to_string(added_notes_.size() + 1);
  if (order) {
    note.order_id = order->id;
    note.order_number = order->order_number;
  }
  note.created_at = now;
  note.author = std::move(author);
  note.body = std::move(body);
  added_notes_.push_back(note);
  return note;
}

DiscountCode Shop::AddDiscountCode(const world::EcomCustomer& customer, std::string order_number,
                                   int64_t amount_minor, std::string currency, std::string reason,
                                   world::Time now) {
  std::lock_guard lock(mutex_);
  const size_t serial = discount_codes_.size() + 1;
  char code[32];
  std::snprintf(code, sizeof code, "GW-%08zu", serial);
  DiscountCode discount;
  discount.id = std::to_string(9100000000 + serial);
  discount.code = code;
  discount.customer_id = customer.id;
  discount.order_number = std::move(order_number);
  discount.amount_minor = amount_minor;
  discount.currency = std::move(currency);
  discount.reason = std::move(reason);
  discount.created_at = now;
  discount_codes_.push_back(discount);
  return discount;
}

}  // namespace omnihub::ecommerce_sim
