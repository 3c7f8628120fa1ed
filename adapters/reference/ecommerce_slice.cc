// The web shop's view: customer accounts as typed on the web, web orders with tracking, and the
// order notes as e-mail contacts.
#include <unordered_map>

#include "adapters/reference/canonical.h"
#include "adapters/reference/slice.h"

namespace omnihub::reference {
namespace {

using world::EcomCustomer;
using world::EcomOrder;

// The shop knows payment and fulfilment, not delivery.
v1::OrderStatus OrderStatus(const EcomOrder& order) {
  if (order.financial_status == "voided") return v1::ORDER_STATUS_CANCELLED;
  if (order.financial_status == "refunded") return v1::ORDER_STATUS_RETURNED;
  if (order.financial_status == "partially_refunded") return v1::ORDER_STATUS_PARTIALLY_RETURNED;
  if (order.fulfillment_status == "fulfilled") return v1::ORDER_STATUS_SHIPPED;
  if (order.fulfillment_status == "partial") return v1::ORDER_STATUS_PROCESSING;
  return v1::ORDER_STATUS_PLACED;
}

class EcommerceSlice : public Slice {
 public:
  EcommerceSlice(std::shared_ptr<const world::World> world, SliceNames names)
      : world_(std::move(world)), names_(std::move(names)) {
    for (size_t i = 0; i < world_->ecom_orders.size(); ++i) {
      orders_[world_->ecom_orders[i].customer_id].push_back(i);
    }
  }

  // omnihub::reference::Slice
  sdk::Capabilities capabilities() const override {
    return {sdk::Capability::kProfile, sdk::Capability::kOrders, sdk::Capability::kContacts,
            sdk::Capability::kIdentityScan};
  }
  size_t size() const override { return world_->ecom_customers.size(); }
  bool Holds(std::string_view account_id) const override {
    return world_->ecom_customer(account_id) != nullptr;
  }

  sdk::AccountIdentity Identity(size_t index) const override {
    const EcomCustomer& customer = world_->ecom_customers[index];
    sdk::AccountIdentity identity;
    identity.account_id = customer.id;
    identity.identifiers = Identifiers(customer);
    identity.display_name = customer.first_name + " " + customer.last_name;
    return identity;
  }

  void Fill(std::string_view account_id, const sdk::FetchRequest& request,
            sdk::SourceData& data) const override {
    const EcomCustomer& customer = *world_->ecom_customer(account_id);
    if (Wants(request, v1::SECTION_PROFILE) && !data.profile) data.profile = Profile(customer);
    bool orders = Wants(request, v1::SECTION_ORDERS);
    bool contacts = Wants(request, v1::SECTION_CONTACTS);
    auto it = orders_.find(customer.id);
    if ((!orders && !contacts) || it == orders_.end()) return;
    for (size_t index : it->second) {
      const EcomOrder& order = world_->ecom_orders[index];
      if (orders && (request.order_number.empty() || order.order_number == request.order_number)) {
        data.orders.push_back(ToOrder(order));
      }
      if (contacts) {
        for (size_t n = 0; n < order.notes.size(); ++n) {
          data.contacts.push_back(NoteContact(order, n));
        }
      }
    }
    NewestFirst(data.orders, RecentLimit(request),
                [](const v1::Order& order) { return order.placed_at().seconds(); });
    NewestFirst(data.contacts, RecentLimit(request),
                [](const v1::Contact& contact) { return contact.occurred_at().seconds(); });
  }

 private:
  std::vector<v1::Identifier> Identifiers(const EcomCustomer& customer) const {
    std::vector<v1::Identifier> identifiers;
    identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, customer.id, names_.system));
    identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_EMAIL, customer.email));
    if (!customer.phone.empty()) {
      identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_PHONE, customer.phone));
    }
    if (!customer.twitter_handle.empty()) {
      identifiers.push_back(
          MakeIdentifier(v1::IDENTIFIER_TYPE_TWITTER_HANDLE, customer.twitter_handle));
    }
    if (!customer.facebook_id.empty()) {
      identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_FACEBOOK_ID, customer.facebook_id));
    }
    return identifiers;
  }

  v1::Customer Profile(const EcomCustomer& customer) const {
    v1::Customer profile;
    profile.set_display_name(customer.first_name + " " + customer.last_name);
    profile.set_given_name(customer.first_name);
    profile.set_family_name(customer.last_name);
    profile.set_email(customer.email);
    profile.set_phone(customer.phone);
    SetTime(customer.created_at, profile.mutable_customer_since());
    for (auto& identifier : Identifiers(customer)) *profile.add_identifiers() = identifier;
    auto* linked = profile.add_accounts();
    linked->set_system(names_.system);
    linked->set_account_id(customer.id);
    return profile;
  }

  v1::Order ToOrder(const EcomOrder& order) const {
    v1::Order out;
    out.set_order_id(names_.system + ":" + order.order_number);
    out.set_order_number(order.order_number);
    out.set_channel(v1::CHANNEL_WEB);
    out.set_status(OrderStatus(order));
    SetTime(order.created_at, out.mutable_placed_at());
    SetMoney(order.total_minor, order.currency, out.mutable_total());
    for (const auto& line : order.lines) {
      auto* canonical = out.add_lines();
      canonical->set_sku(line.sku);
      canonical->set_description(line.description);
      canonical->set_quantity(line.quantity);
      SetMoney(line.unit_price_minor, order.currency, canonical->mutable_unit_price());
      SetMoney(line.unit_price_minor * line.quantity, order.currency,
               canonical->mutable_line_total());
    }
    if (order.tracking) {
      auto* shipment = out.add_shipments();
      shipment->set_carrier(order.tracking->carrier);
      shipment->set_tracking_number(order.tracking->number);
      shipment->set_status(v1::SHIPMENT_STATUS_IN_TRANSIT);
    }
    out.set_source_system(names_.system);
    out.add_seen_in(names_.system);
    return out;
  }

  v1::Contact NoteContact(const EcomOrder& order, size_t n) const {
    const auto& note = order.notes[n];
    v1::Contact contact;
    contact.set_contact_id(names_.system + ":" + order.id + ":" + std::to_string(n + 1));
    contact.set_channel(v1::CONTACT_CHANNEL_EMAIL);
    bool from_customer = note.author == "customer";
    contact.set_direction(from_customer ? v1::CONTACT_DIRECTION_INBOUND
                                        : v1::CONTACT_DIRECTION_OUTBOUND);
    SetTime(note.created_at, contact.mutable_occurred_at());
    if (!from_customer) contact.set_agent_id(note.author);
    contact.set_summary(order.order_number + ": " + note.body);
    contact.set_source_system(names_.system);
    return contact;
  }

  std::shared_ptr<const world::World> world_;
  SliceNames names_;
  std::unordered_map<std::string, std::vector<size_t>> orders_;  // customer id -> orders
};

}  // namespace

std::unique_ptr<Slice> MakeEcommerceSlice(std::shared_ptr<const world::World> world,
                                          SliceNames names) {
  return std::make_unique<EcommerceSlice>(std::move(world), std::move(names));
}

}  // namespace omnihub::reference
