// The stores' view (ARTS POSLog): till transactions by loyalty card, returns whether the till
// wrote them as Return lines or as negative-quantity Sale lines, returns as store contacts.
#include <cstdio>
#include <unordered_map>

#include "adapters/reference/canonical.h"
#include "adapters/reference/slice.h"

namespace omnihub::reference {
namespace {

using world::PosLine;
using world::PosTransaction;

// Both ways tills write a return.
bool IsReturnLine(const PosLine& line) {
  return line.line_kind == "RETURN" || line.quantity < 0 || line.amount_minor < 0;
}

std::string Pounds(int64_t minor) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s£%lld.%02lld", minor < 0 ? "-" : "",
                static_cast<long long>((minor < 0 ? -minor : minor) / 100),
                static_cast<long long>((minor < 0 ? -minor : minor) % 100));
  return buffer;
}

class PosSlice : public Slice {
 public:
  PosSlice(std::shared_ptr<const world::World> world, SliceNames names)
      : world_(std::move(world)), names_(std::move(names)) {
    for (size_t i = 0; i < world_->pos_transactions.size(); ++i) {
      // The card as typed at the till; the account id is its digits.
      auto [it, added] =
          by_card_.try_emplace(world::DigitsOnly(world_->pos_transactions[i].loyalty_card));
      if (added) cards_.push_back(&it->first);
      it->second.push_back(i);
    }
  }

  // omnihub::reference::Slice
  sdk::Capabilities capabilities() const override {
    return {sdk::Capability::kOrders, sdk::Capability::kContacts, sdk::Capability::kIdentityScan};
  }
  size_t size() const override { return cards_.size(); }
  bool Holds(std::string_view account_id) const override {
    return by_card_.contains(std::string(account_id));
  }

  sdk::AccountIdentity Identity(size_t index) const override {
    const std::string& card = *cards_[index];
    sdk::AccountIdentity identity;
    identity.account_id = card;
    identity.identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, card, names_.system));
    identity.identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_LOYALTY_CARD, card));
    return identity;
  }

  void Fill(std::string_view account_id, const sdk::FetchRequest& request,
            sdk::SourceData& data) const override {
    bool orders = Wants(request, v1::SECTION_ORDERS);
    bool contacts = Wants(request, v1::SECTION_CONTACTS);
    if (!orders && !contacts) return;
    for (size_t index : by_card_.at(std::string(account_id))) {
      const PosTransaction& transaction = world_->pos_transactions[index];
      std::string number = OrderNumber(transaction);
      if (orders && (request.order_number.empty() || number == request.order_number)) {
        data.orders.push_back(ToOrder(transaction, number));
      }
      if (contacts && transaction.is_return) {
        data.contacts.push_back(ReturnContact(transaction, number));
      }
    }
    NewestFirst(data.orders, RecentLimit(request),
                [](const v1::Order& order) { return order.placed_at().seconds(); });
    NewestFirst(data.contacts, RecentLimit(request),
                [](const v1::Contact& contact) { return contact.occurred_at().seconds(); });
  }

 private:
  // A till receipt number: store, register, business day and sequence.
  static std::string OrderNumber(const PosTransaction& transaction) {
    return transaction.store_id + "-" + transaction.register_id + "-" +
           world::FormatDate(transaction.business_day) + "-" +
           std::to_string(transaction.sequence_number);
  }

  v1::Order ToOrder(const PosTransaction& transaction, const std::string& number) const {
    v1::Order out;
    out.set_order_id(names_.system + ":" + number);
    out.set_order_number(number);
    out.set_channel(v1::CHANNEL_STORE);
    out.set_status(v1::ORDER_STATUS_COMPLETED);
    SetTime(transaction.end_time, out.mutable_placed_at());
    SetMoney(transaction.total_minor, "GBP", out.mutable_total());
    for (const auto& line : transaction.lines) {
      // Returned goods are negative quantities, whichever way the till wrote them.
      bool returned = IsReturnLine(line);
      int quantity = line.quantity < 0 ? -line.quantity : line.quantity;
      auto* canonical = out.add_lines();
      canonical->set_sku(line.sku);
      canonical->set_description(line.description);
      canonical->set_quantity(returned ? -quantity : quantity);
      SetMoney(line.unit_price_minor, "GBP", canonical->mutable_unit_price());
      int64_t amount = line.amount_minor < 0 ? -line.amount_minor : line.amount_minor;
      SetMoney(returned ? -amount : amount, "GBP", canonical->mutable_line_total());
    }
    out.set_store_id(transaction.store_id);
    out.set_register_id(transaction.register_id);
    out.set_source_system(names_.system);
    out.add_seen_in(names_.system);
    return out;
  }

  v1::Contact ReturnContact(const PosTransaction& transaction, const std::string& number) const {
    std::string items;
    for (const auto& line : transaction.lines) {
      if (!IsReturnLine(line)) continue;
      if (!items.empty()) items += ", ";
      items += line.description + " x" +
               std::to_string(line.quantity < 0 ? -line.quantity : line.quantity);
    }
    v1::Contact contact;
    contact.set_contact_id(names_.system + ":" + number);
    contact.set_channel(v1::CONTACT_CHANNEL_STORE);
    contact.set_direction(v1::CONTACT_DIRECTION_INBOUND);
    SetTime(transaction.end_time, contact.mutable_occurred_at());
    contact.set_summary("Return at " + transaction.store_id + "/" + transaction.register_id + ": " +
                        items + " (" + Pounds(transaction.total_minor) + ")");
    contact.set_source_system(names_.system);
    return contact;
  }

  std::shared_ptr<const world::World> world_;
  SliceNames names_;
  std::unordered_map<std::string, std::vector<size_t>> by_card_;
  std::vector<const std::string*> cards_;  // scan order: first transaction first
};

}  // namespace

std::unique_ptr<Slice> MakePosSlice(std::shared_ptr<const world::World> world, SliceNames names) {
  return std::make_unique<PosSlice>(std::move(world), std::move(names));
}

}  // namespace omnihub::reference
