// A generated world's records as JSON objects, one per record, in each system's own field names.
#pragma once

#include <nlohmann/json.hpp>

#include "tools/simulators/world/world.h"

namespace omnihub::world {

nlohmann::json ToJson(const Person& person);
nlohmann::json ToJson(const MainframeAccount& account);
nlohmann::json ToJson(const ErpCustomer& customer);
nlohmann::json ToJson(const Product& product);
nlohmann::json ToJson(const ReturnPolicy& policy);
nlohmann::json ToJson(const ErpOrder& order);
nlohmann::json ToJson(const ErpReturn& returned);
nlohmann::json ToJson(const EcomCustomer& customer);
nlohmann::json ToJson(const EcomOrder& order);
nlohmann::json ToJson(const PaymentTransaction& payment);
nlohmann::json ToJson(const PosTransaction& transaction);

}  // namespace omnihub::world
