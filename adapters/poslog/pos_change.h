// The change event the poslog connector publishes for a newly indexed till transaction: a
// BackendChange (proto/omnihub/changes/v1) of type POS_TRANSACTION about the loyalty card (the
// connector's account id), so the hub can make that customer's store sections out of date.
//
// event_id "pos-<receipt>" is the same for the same receipt however often it is seen (file and
// feed), so a hub ignores a repeat; subject is the receipt number; affected sections are ORDERS,
// and CONTACTS for a return (returns are store contacts). Pure functions; thread-safe.
#pragma once

#include <string>

#include "adapters/events/change_codec.h"
#include "adapters/poslog/poslog_parser.h"

namespace omnihub::poslog {

events::BackendChange PosTransactionChange(const PoslogTransaction& transaction,
                                           const std::string& system, const std::string& currency);

}  // namespace omnihub::poslog
