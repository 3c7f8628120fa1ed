// The body of a customer write, `{"customer": {"email", "phone", "first_name", "last_name",
// "twitter_handle", "facebook_id"}}`, read and validated as the shop's admin API does (members it
// does not know are ignored, as a real shop ignores tags and addresses it is not asked about).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tools/simulators/ecommerce/shop.h"

namespace omnihub::ecommerce_sim {

// A refused body: the HTTP status (400 not JSON or not {"customer": {...}}, 422 a field) and the
// field the message is about ("customer" for the body's shape).
struct CustomerBodyError {
  int status = 400;
  std::string field;
  std::string message;
};

// Reads the fields `body` sets. `creating`: the e-mail is required (a change may omit any field).
// The e-mail must look like one (local@domain.tld, at most 254 bytes, no spaces) and cannot be
// cleared; phone (at most 40 bytes of digits, spaces, "+()-.", 6 or more digits), names (at most
// 255 bytes, no control characters), twitter_handle (an optional "@" and 1 to 15 letters, digits
// or "_") and facebook_id (1 to 64 letters, digits or ".") may be null or "" to clear them.
// Surrounding spaces are trimmed. Either the changes or the error is set.
struct CustomerBody {
  CustomerChanges changes;
  std::optional<CustomerBodyError> error;
};
CustomerBody ReadCustomerBody(std::string_view body, bool creating);

}  // namespace omnihub::ecommerce_sim
