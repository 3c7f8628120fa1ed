// World POS transactions as ARTS POSLog XML (IXRetail namespace), as the simulator's tills write
// them: a return is written as a <Return> line item when the world says the till wrote a RETURN
// line, otherwise as a <Sale> with a negative <Quantity> and <ExtendedAmount>; refunds are a
// "Refund" tender with a negative amount. The loyalty card is written as typed at the till
// (sometimes with spaces) in <Customer><CustomerID>.
//
// The output is accepted by ParsePoslog (poslog_parser.h) and gives the same canonical lines as
// the reference pos slice. Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>

#include "tools/simulators/world/world.h"

namespace omnihub::poslog {

// One <POSLog> document holding `transactions` (in order).
std::string WritePoslog(std::span<const world::PosTransaction> transactions);

// "12.50", "-0.05": minor units as exact decimal text.
std::string FormatMinorUnits(int64_t minor);

}  // namespace omnihub::poslog
