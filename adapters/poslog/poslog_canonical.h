// POSLog transactions in canonical form, the same shape the reference pos slice gives: one
// store Order per transaction (order id "<system>:<receipt>", CHANNEL_STORE, COMPLETED, returned
// goods as negative quantities and amounts) and one store Contact per return.
#pragma once

#include <string>

#include "adapters/poslog/poslog_parser.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::poslog {

v1::Order ToOrder(const PoslogTransaction& transaction, const std::string& system,
                  const std::string& currency);

// Only meaningful for a transaction with is_return set.
v1::Contact ReturnContact(const PoslogTransaction& transaction, const std::string& system,
                          const std::string& currency);

}  // namespace omnihub::poslog
