// Orders and payments as readable text.
#include "tools/hubctl/order_view.h"

#include "tools/hubctl/format.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {
namespace {

std::string ShipmentState(const v1::Shipment& shipment) {
  return EnumLabel(v1::ShipmentStatus_Name(shipment.status()), "SHIPMENT_STATUS_");
}

}  // namespace

std::string SummariseShipments(const v1::Order& order) {
  std::string text;
  for (const auto& shipment : order.shipments()) {
    if (!text.empty()) text += "; ";
    if (!shipment.carrier().empty()) text += shipment.carrier() + " ";
    text += ShipmentState(shipment);
    if (shipment.has_promised_at())
      text += " (promised " + FormatDate(shipment.promised_at()) + ")";
  }
  return OrDash(text);
}

void PrintOrderTable(std::ostream& out,
                     const google::protobuf::RepeatedPtrField<v1::Order>& orders) {
  if (orders.empty()) {
    out << "  (no orders)\n";
    return;
  }
  Table table({"NUMBER", "DATE", "CHANNEL", "STATUS", "TOTAL", "SHIPMENTS", "SYSTEM"});
  for (const auto& order : orders) {
    table.AddRow({order.order_number(), FormatDate(order.placed_at()),
                  EnumLabel(v1::Channel_Name(order.channel()), "CHANNEL_"),
                  EnumLabel(v1::OrderStatus_Name(order.status()), "ORDER_STATUS_"),
                  FormatMoney(order.total()), SummariseShipments(order),
                  OrDash(order.source_system())});
  }
  table.Print(out);
}

void PrintOrderDetail(std::ostream& out, const v1::Order& order) {
  out << "Order " << order.order_number() << "\n";
  Table header({"FIELD", "VALUE"});
  header.AddRow({"order id", OrDash(order.order_id())});
  header.AddRow({"placed", FormatTimestamp(order.placed_at())});
  header.AddRow({"channel", EnumLabel(v1::Channel_Name(order.channel()), "CHANNEL_")});
  header.AddRow({"status", EnumLabel(v1::OrderStatus_Name(order.status()), "ORDER_STATUS_")});
  header.AddRow({"total", FormatMoney(order.total())});
  if (!order.store_id().empty()) {
    header.AddRow({"store / register", order.store_id() + " / " + OrDash(order.register_id())});
  }
  std::string seen_in;
  for (const auto& system : order.seen_in()) seen_in += (seen_in.empty() ? "" : ", ") + system;
  header.AddRow({"source system", OrDash(order.source_system())});
  header.AddRow({"seen in", OrDash(seen_in)});
  header.Print(out);

  out << "\nLines\n";
  Table lines({"SKU", "DESCRIPTION", "QTY", "UNIT PRICE", "LINE TOTAL"});
  for (const auto& line : order.lines()) {
    lines.AddRow({line.sku(), line.description(), std::to_string(line.quantity()),
                  FormatMoney(line.unit_price()), FormatMoney(line.line_total())});
  }
  if (lines.empty()) {
    out << "  (none)\n";
  } else {
    lines.Print(out);
  }

  out << "\nShipments\n";
  Table shipments({"CARRIER", "TRACKING", "STATUS", "PROMISED", "SHIPPED", "DELIVERED"});
  for (const auto& shipment : order.shipments()) {
    shipments.AddRow({OrDash(shipment.carrier()), OrDash(shipment.tracking_number()),
                      ShipmentState(shipment), FormatDate(shipment.promised_at()),
                      FormatDate(shipment.shipped_at()), FormatDate(shipment.delivered_at())});
  }
  if (shipments.empty()) {
    out << "  (none)\n";
  } else {
    shipments.Print(out);
  }

  if (!order.invoices().empty()) {
    out << "\nInvoices\n";
    Table invoices({"NUMBER", "ISSUED", "AMOUNT", "PAID"});
    for (const auto& invoice : order.invoices()) {
      invoices.AddRow({invoice.invoice_number(), FormatDate(invoice.issued_at()),
                       FormatMoney(invoice.amount()), invoice.paid() ? "yes" : "no"});
    }
    invoices.Print(out);
  }
}

void PrintPaymentTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Payment>& payments) {
  if (payments.empty()) {
    out << "  (no payments)\n";
    return;
  }
  Table table({"REFERENCE", "ORDER", "STATE", "CAPTURED", "REFUNDED", "FRAUD", "DATE", "SYSTEM"});
  for (const auto& payment : payments) {
    std::string fraud = "-";
    if (payment.has_fraud()) {
      fraud = std::to_string(payment.fraud().score()) + " " +
              EnumLabel(v1::FraudDecision_Name(payment.fraud().decision()), "FRAUD_DECISION_");
    }
    table.AddRow({payment.payment_ref(), OrDash(payment.order_number()),
                  EnumLabel(v1::PaymentState_Name(payment.state()), "PAYMENT_STATE_"),
                  FormatMoney(payment.captured()), FormatMoney(payment.refunded()), fraud,
                  FormatDate(payment.created_at()), OrDash(payment.source_system())});
  }
  table.Print(out);
}

}  // namespace omnihub::hubctl
