// Customer search in one backend system (Capability::kSearch): the request, what a system answers,
// and the checks every connector runs on a request before it reaches its backend.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "adapters/sdk/source_data.h"
#include "omnihub/v1/customer.pb.h"

namespace omnihub::sdk {

// Search by surname and, optionally, postcode, as a customer-service operator would search a
// backend's customer master.
struct SearchRequest {
  // The customer's surname as the caller wrote it (1..kMaxSearchSurname characters).
  std::string surname;
  // Optional; empty searches by surname alone (0..kMaxSearchPostalCode characters).
  std::string postal_code;
  // At most this many hits are wanted (1..kMaxSearchLimit); the adapter may return fewer.
  int limit = 20;
};

inline constexpr size_t kMaxSearchSurname = 64;     // characters
inline constexpr size_t kMaxSearchPostalCode = 16;  // characters
inline constexpr int kMaxSearchLimit = 1000;

// One account the system found, with what it holds about the account holder.
struct SearchHit {
  // The system's account id and its identifiers (the account number at least); display_name and
  // postal_code as the system holds them (evidence for the hub's candidates).
  AccountIdentity identity;
  // The name and address as the system holds them (partial: unset fields are unknown here).
  omnihub::v1::Customer profile;
};

struct SearchResult {
  // In the system's order; at most SearchRequest::limit.
  std::vector<SearchHit> hits;
  // The system had more matches than it returned (the limit, or its own paging bound).
  bool truncated = false;
};

// Checks what every backend needs of a search before anything is sent: surname present, sizes,
// well-formed UTF-8, no control characters, limit in range. INVALID_ARGUMENT naming the field
// ("surname", "postal_code", "limit") and what is wrong; `system` prefixes the message.
absl::Status ValidateSearchRequest(const SearchRequest& request, absl::string_view system);

}  // namespace omnihub::sdk
