// A customer's profile and Customer 360 as readable sections.
#pragma once

#include <ostream>

#include "omnihub/v1/customer.pb.h"

namespace omnihub::hubctl {

// "Profile": each field with the system it came from, then "Identifiers" and "Accounts".
void PrintProfile(std::ostream& out, const v1::Customer& customer);

// The whole 360: profile, accounts, orders, payments, loyalty / store card, contacts, open cases
// and sources.
void PrintCustomer360(std::ostream& out, const v1::Customer360& view);

}  // namespace omnihub::hubctl
