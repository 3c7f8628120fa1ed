#include "tools/simulators/ecommerce/representation.h"

#include "tools/simulators/world/world_json.h"

namespace omnihub::ecommerce_sim {

using nlohmann::json;

json CustomerJson(const Shop& shop, const world::EcomCustomer& customer) {
  json out = world::ToJson(customer);
  // As a real shop's API does: a field the customer never filled in is null, not "".
  for (const char* optional : {"phone", "twitter_handle", "facebook_id"}) {
    if (out[optional] == "") out[optional] = nullptr;
  }
  out["orders_count"] = shop.Orders(customer.id).size();
  out["currency"] = "GBP";
  return out;
}

json OrderJson(const Shop& shop, const world::EcomOrder& order) {
  json out = world::ToJson(order);
  // As a real shop shows shipping: fulfillments, each with its tracking (the flat "tracking"
  // object of the world stays for the simple case).
  json fulfillments = json::array();
  if (order.tracking) {
    fulfillments.push_back(
        {{"id", order.id + "-f1"},
         {"status", "success"},
         {"shipment_status",
          order.fulfillment_status == "fulfilled" ? "in_transit" : "label_printed"},
         {"tracking_company", order.tracking->carrier},
         {"tracking_number", order.tracking->number},
         {"tracking_url", order.tracking->url}});
  }
  out["fulfillments"] = std::move(fulfillments);
  json notes = json::array();
  for (const Note& note : shop.OrderNotes(order)) notes.push_back(NoteJson(note));
  out["notes"] = std::move(notes);
  return out;
}

json NoteJson(const Note& note) {
  return {{"id", note.id},
          {"order_id", note.order_id.empty() ? json(nullptr) : json(note.order_id)},
          {"order_number", note.order_number.empty() ? json(nullptr) : json(note.order_number)},
          {"created_at", world::FormatIso8601(note.created_at)},
          {"author", note.author},
          {"body", note.body}};
}

json DiscountCodeJson(const DiscountCode& discount) {
  return {
      {"id", discount.id},
      {"code", discount.code},
      {"customer_id", discount.customer_id},
      {"order_number", discount.order_number.empty() ? json(nullptr) : json(discount.order_number)},
      {"amount_minor", discount.amount_minor},
      {"currency", discount.currency},
      {"reason", discount.reason},
      {"usage_limit", 1},
      {"created_at", world::FormatIso8601(discount.created_at)}};
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace omnihub::ecommerce_sim
