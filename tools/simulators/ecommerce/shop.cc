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
  // Created customers' ids start at the next whole million above every generated one.
  uint64_t highest = 0;
  for (const auto& customer : world_->ecom_customers) {
    const std::string& id = customer.id;
    if (!id.empty() && id.size() <= 18 &&
        std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      highest = std::max<uint64_t>(highest, std::stoull(id));
    }
  }
  first_new_id_ = (highest / 1000000 + 1) * 1000000 + 1;
}

std::string Shop::NationalDigits(std::string_view phone) {
  std::string digits = world::DigitsOnly(phone);
  if (digits.starts_with("00")) digits.erase(0, 2);
  if (digits.starts_with("44")) digits.erase(0, 2);
  if (digits.starts_with("0")) digits.erase(0, 1);
  return digits;
}

size_t Shop::customer_count() const {
  std::lock_guard lock(mutex_);
  return world_->ecom_customers.size() + created_.size();
}

const world::EcomCustomer& Shop::CurrentLocked(size_t world_index) const {
  const world::EcomCustomer& original = world_->ecom_customers[world_index];
  if (changed_.empty()) return original;
  const auto it = changed_.find(original.id);
  return it == changed_.end() ? original : it->second;
}

world::EcomCustomer Shop::customer_at(size_t index) const {
  std::lock_guard lock(mutex_);
  if (index < world_->ecom_customers.size()) return CurrentLocked(index);
  return created_.at(index - world_->ecom_customers.size());
}

std::optional<world::EcomCustomer> Shop::FindCustomer(std::string_view id) const {
  std::lock_guard lock(mutex_);
  if (const world::EcomCustomer* original = world_->ecom_customer(id)) {
    const auto it = changed_.find(original->id);
    return it == changed_.end() ? *original : it->second;
  }
  const auto it = created_index_.find(std::string(id));
  if (it == created_index_.end()) return std::nullopt;
  return created_[it->second];
}

template <typename KeyOf>
std::vector<world::EcomCustomer> Shop::MatchingLocked(
    const std::unordered_map<std::string, std::vector<size_t>>& world_index, const std::string& key,
    KeyOf key_of) const {
  std::vector<world::EcomCustomer> found;
  if (const auto it = world_index.find(key); it != world_index.end()) {
    for (size_t index : it->second) {
      if (!changed_.contains(world_->ecom_customers[index].id)) {
        found.push_back(world_->ecom_customers[index]);
      }
    }
  }
  for (const auto& [id, customer] : changed_) {
    if (key_of(customer) == key) found.push_back(customer);
  }
  for (const auto& customer : created_) {
    if (key_of(customer) == key) found.push_back(customer);
  }
  return found;
}

std::vector<world::EcomCustomer> Shop::FindByEmail(std::string_view email) const {
  std::lock_guard lock(mutex_);
  return MatchingLocked(by_email_, LowerTrimmed(email),
                        [](const world::EcomCustomer& c) { return LowerTrimmed(c.email); });
}

std::vector<world::EcomCustomer> Shop::FindByPhone(std::string_view phone) const {
  const std::string digits = NationalDigits(phone);
  if (digits.size() < 6) return {};
  std::lock_guard lock(mutex_);
  return MatchingLocked(by_phone_, digits,
                        [](const world::EcomCustomer& c) { return NationalDigits(c.phone); });
}

bool Shop::EmailTakenLocked(const std::string& email, std::string_view except_id) const {
  const auto holders = MatchingLocked(by_email_, LowerTrimmed(email),
                                      [](const auto& c) { return LowerTrimmed(c.email); });
  return std::any_of(holders.begin(), holders.end(),
                     [&](const world::EcomCustomer& c) { return c.id != except_id; });
}

Shop::WriteResult Shop::AddCustomer(world::EcomCustomer& customer, world::Time now) {
  std::lock_guard lock(mutex_);
  if (EmailTakenLocked(customer.email, "")) return WriteResult::kEmailTaken;
  customer.id = std::to_string(first_new_id_ + created_.size());
  customer.person_id.clear();
  customer.created_at = now;
  created_index_.emplace(customer.id, created_.size());
  created_.push_back(customer);
  return WriteResult::kDone;
}

Shop::WriteResult Shop::ChangeCustomer(std::string_view id, const CustomerChanges& changes,
                                       world::EcomCustomer& customer) {
  std::lock_guard lock(mutex_);
  const world::EcomCustomer* original = world_->ecom_customer(id);
  const auto created = created_index_.find(std::string(id));
  if (original == nullptr && created == created_index_.end()) return WriteResult::kNotFound;
  if (changes.email && EmailTakenLocked(*changes.email, id)) return WriteResult::kEmailTaken;
  world::EcomCustomer* record = original != nullptr
                                    ? &changed_.try_emplace(original->id, *original).first->second
                                    : &created_[created->second];
  const std::pair<const std::optional<std::string>*, std::string*> fields[] = {
      {&changes.email, &record->email},
      {&changes.phone, &record->phone},
      {&changes.first_name, &record->first_name},
      {&changes.last_name, &record->last_name},
      {&changes.twitter_handle, &record->twitter_handle},
      {&changes.facebook_id, &record->facebook_id}};
  for (const auto& [change, field] : fields) {
    if (*change) *field = **change;
  }
  customer = *record;
  return WriteResult::kDone;
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
