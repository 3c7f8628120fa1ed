// POSLog transactions as the connector serves them, the same shape the reference pos slice
// gives: the mapped store Order (mappings/systems/pos.xml: CHANNEL_STORE, COMPLETED, returned
// goods as negative quantities and amounts) with the connector's order id "<system>:<receipt>",
// source system and seen_in, and one store Contact per return summarising the returned goods.
#pragma once

#include <string>

#include "adapters/poslog/poslog_parser.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::poslog {

v1::Order ToOrder(const PoslogTransaction& transaction, const std::string& system);

// Only meaningful for a transaction with is_return set.
v1::Contact ReturnContact(const PoslogTransaction& transaction, const std::string& system);

}  // namespace omnihub::poslog
