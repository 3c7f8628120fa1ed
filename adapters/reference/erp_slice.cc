// The ERP's view: customer master, orders with lines, shipments, invoices and returns, loyalty
// membership, and the cross-reference to the legacy (mainframe) account.
#include <unordered_map>

#include "adapters/reference/canonical.h"
#include "adapters/reference/slice.h"

namespace omnihub::reference {
namespace {

using namespace std::chrono;
using world::ErpCustomer;
using world::ErpOrder;

v1::OrderStatus OrderStatus(const ErpOrder& order, const world::ErpReturn* returned) {
  switch (order.status) {
    case 'O':
      return v1::ORDER_STATUS_PLACED;
    case 'P':
      return v1::ORDER_STATUS_PROCESSING;
    case 'S':
      return v1::ORDER_STATUS_SHIPPED;
    case 'X':
      return v1::ORDER_STATUS_CANCELLED;
    case 'R':
      return v1::ORDER_STATUS_RETURNED;
    case 'D':
      return returned && returned->status == "REFUNDED" ? v1::ORDER_STATUS_PARTIALLY_RETURNED
                                                        : v1::ORDER_STATUS_DELIVERED;
    default:
      return v1::ORDER_STATUS_UNSPECIFIED;
  }
}

// A shipment is late once its promised day has ended without delivery.
v1::ShipmentStatus ShipmentStatus(const world::ErpShipment& shipment, world::Time now) {
  if (shipment.delivered_at) return v1::SHIPMENT_STATUS_DELIVERED;
  bool late = now >= world::Time{sys_days{shipment.promised_date} + days{1}};
  if (shipment.status == "EXCEPTION" || (late && shipment.shipped_at)) {
    return v1::SHIPMENT_STATUS_DELAYED;
  }
  if (shipment.shipped_at) return v1::SHIPMENT_STATUS_IN_TRANSIT;
  return v1::SHIPMENT_STATUS_PENDING;
}

class ErpSlice : public Slice {
 public:
  ErpSlice(std::shared_ptr<const world::World> world, SliceNames names)
      : world_(std::move(world)), names_(std::move(names)) {
    for (size_t i = 0; i < world_->erp_orders.size(); ++i) {
      orders_[world_->erp_orders[i].customer_number].push_back(i);
    }
    for (size_t i = 0; i < world_->erp_returns.size(); ++i) {
      returns_.emplace(world_->erp_returns[i].order_number, i);
    }
  }

  // omnihub::reference::Slice
  sdk::Capabilities capabilities() const override {
    return {sdk::Capability::kProfile, sdk::Capability::kOrders, sdk::Capability::kLoyalty,
            sdk::Capability::kIdentityScan};
  }
  size_t size() const override { return world_->erp_customers.size(); }
  bool Holds(std::string_view account_id) const override {
    return world_->erp_customer(account_id) != nullptr;
  }

  sdk::AccountIdentity Identity(size_t index) const override {
    const ErpCustomer& customer = world_->erp_customers[index];
    sdk::AccountIdentity identity;
    identity.account_id = customer.customer_number;
    identity.identifiers = Identifiers(customer);
    identity.display_name = customer.given_name + " " + customer.family_name;
    identity.postal_code = customer.address.postcode;
    return identity;
  }

  void Fill(std::string_view account_id, const sdk::FetchRequest& request,
            sdk::SourceData& data) const override {
    const ErpCustomer& customer = *world_->erp_customer(account_id);
    if (Wants(request, v1::SECTION_PROFILE) && !data.profile) data.profile = Profile(customer);
    if (Wants(request, v1::SECTION_LOYALTY) && !data.loyalty && !customer.loyalty_card.empty()) {
      v1::LoyaltySummary loyalty;
      loyalty.set_card_number(customer.loyalty_card);
      loyalty.set_tier(customer.loyalty_tier);
      loyalty.set_points_balance(customer.loyalty_points);
      loyalty.set_source_system(names_.system);
      data.loyalty = std::move(loyalty);
    }
    if (Wants(request, v1::SECTION_ORDERS)) {
      auto it = orders_.find(customer.customer_number);
      if (it == orders_.end()) return;
      for (size_t index : it->second) {
        const ErpOrder& order = world_->erp_orders[index];
        if (!request.order_number.empty() && order.order_number != request.order_number) continue;
        data.orders.push_back(ToOrder(order));
      }
      NewestFirst(data.orders, RecentLimit(request),
                  [](const v1::Order& order) { return order.placed_at().seconds(); });
    }
  }

 private:
  static std::string OneLineAddress(const world::Address& address) {
    return JoinNonEmpty({address.line1, address.line2, address.city, address.postcode}, ", ");
  }

  std::vector<v1::Identifier> Identifiers(const ErpCustomer& customer) const {
    std::vector<v1::Identifier> identifiers;
    identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER,
                                         customer.customer_number, names_.system));
    if (!customer.legacy_account.empty()) {
      identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER,
                                           customer.legacy_account, names_.xref_mainframe));
    }
    identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_EMAIL, customer.email));
    identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_PHONE, customer.phone));
    if (!customer.loyalty_card.empty()) {
      identifiers.push_back(
          MakeIdentifier(v1::IDENTIFIER_TYPE_LOYALTY_CARD, customer.loyalty_card));
    }
    identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_POSTAL_ADDRESS, OneLineAddress(customer.address)));
    return identifiers;
  }

  v1::Customer Profile(const ErpCustomer& customer) const {
    v1::Customer profile;
    profile.set_display_name(customer.given_name + " " + customer.family_name);
    profile.set_given_name(customer.given_name);
    profile.set_family_name(customer.family_name);
    profile.set_email(customer.email);
    profile.set_phone(customer.phone);
    auto* address = profile.mutable_address();
    for (const auto* line : {&customer.address.line1, &customer.address.line2}) {
      if (!line->empty()) address->add_lines(*line);
    }
    address->set_locality(customer.address.city);
    address->set_postal_code(customer.address.postcode);
    address->set_country_code("GB");
    SetTime(customer.created_at, profile.mutable_customer_since());
    for (auto& identifier : Identifiers(customer)) *profile.add_identifiers() = identifier;
    auto* linked = profile.add_accounts();
    linked->set_system(names_.system);
    linked->set_account_id(customer.customer_number);
    return profile;
  }

  v1::Order ToOrder(const ErpOrder& order) const {
    auto returned_it = returns_.find(order.order_number);
    const world::ErpReturn* returned =
        returned_it == returns_.end() ? nullptr : &world_->erp_returns[returned_it->second];
    v1::Order out;
    out.set_order_id(names_.system + ":" + order.order_number);
    out.set_order_number(order.order_number);
    out.set_channel(order.channel == "WEB" ? v1::CHANNEL_WEB : v1::CHANNEL_PHONE);
    out.set_status(OrderStatus(order, returned));
    SetTime(order.placed_at, out.mutable_placed_at());
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
    for (const auto& shipment : order.shipments) {
      auto* canonical = out.add_shipments();
      canonical->set_carrier(shipment.carrier);
      canonical->set_tracking_number(shipment.tracking_number);
      canonical->set_status(ShipmentStatus(shipment, world_->options.anchor));
      // Promised by the end of the promised day.
      SetTime(world::Time{sys_days{shipment.promised_date} + days{1} - seconds{1}},
              canonical->mutable_promised_at());
      if (shipment.shipped_at) SetTime(*shipment.shipped_at, canonical->mutable_shipped_at());
      if (shipment.delivered_at) {
        SetTime(*shipment.delivered_at, canonical->mutable_delivered_at());
      }
    }
    for (const auto& invoice : order.invoices) {
      auto* canonical = out.add_invoices();
      canonical->set_invoice_number(invoice.invoice_number);
      SetTime(invoice.issued_at, canonical->mutable_issued_at());
      SetMoney(invoice.amount_minor, order.currency, canonical->mutable_amount());
      canonical->set_paid(invoice.paid);
    }
    out.set_source_system(names_.system);
    out.add_seen_in(names_.system);
    return out;
  }

  std::shared_ptr<const world::World> world_;
  SliceNames names_;
  std::unordered_map<std::string, std::vector<size_t>> orders_;  // customer number -> orders
  std::unordered_map<std::string, size_t> returns_;              // order number -> return
};

}  // namespace

std::unique_ptr<Slice> MakeErpSlice(std::shared_ptr<const world::World> world, SliceNames names) {
  return std::make_unique<ErpSlice>(std::move(world), std::move(names));
}

}  // namespace omnihub::reference
