// Test data for customer search: identifiers and backend hits as the tn3270 connector makes
// them ("DOE JANE", the account number, postcode, address).
#pragma once

#include <string>

#include "adapters/sdk/search.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub::testing {

inline omnihub::v1::Identifier Id(omnihub::v1::IdentifierType type, std::string value,
                                  std::string system = "") {
  omnihub::v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  identifier.set_system(std::move(system));
  return identifier;
}

// A hit as the tn3270 connector makes one: "DOE JANE", account, postcode.
inline omnihub::sdk::SearchHit Hit(std::string account, std::string surname, std::string given,
                                   std::string postcode = "LS1 4AB") {
  omnihub::sdk::SearchHit hit;
  hit.identity.account_id = account;
  hit.identity.identifiers = {
      Id(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, account, "mainframe")};
  hit.identity.display_name = surname + " " + given;
  hit.identity.postal_code = postcode;
  hit.profile.set_family_name(surname);
  hit.profile.set_given_name(given);
  hit.profile.mutable_address()->set_postal_code(postcode);
  hit.profile.mutable_address()->add_lines("12 HIGH ST");
  hit.profile.mutable_address()->set_locality("LEEDS");
  return hit;
}

}  // namespace omnihub::hub::testing
