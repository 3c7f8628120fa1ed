// How the shop's admin API writes its records as JSON (the shapes mappings/systems/ecommerce.xml
// reads): customers, orders with lines, fulfillments, tracking and notes, notes, discount codes.
#pragma once

#include <nlohmann/json.hpp>

#include "tools/simulators/ecommerce/shop.h"

namespace omnihub::ecommerce_sim {

nlohmann::json CustomerJson(const Shop& shop, const world::EcomCustomer& customer);
nlohmann::json OrderJson(const Shop& shop, const world::EcomOrder& order);
nlohmann::json NoteJson(const Note& note);
nlohmann::json DiscountCodeJson(const DiscountCode& discount);

// Serialises for the wire; invalid UTF-8 (echoed hostile input) is replaced, never thrown.
std::string Dump(const nlohmann::json& json);

}  // namespace omnihub::ecommerce_sim
