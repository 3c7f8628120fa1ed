// CustomerDirectory: resolves how a caller names a customer (a CustomerRef) to one golden
// customer, over the current identity index snapshot.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "hub/identity/identity_index.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

using omnihub::sdk::IdentifierNormalizer;

// A resolved customer; keeps the snapshot it points into alive.
struct ResolvedCustomer {
  std::shared_ptr<const IdentityIndex> index;
  const GoldenCustomer* customer = nullptr;
};

// A resolution failure, with the request field it is about (for BadRequest details).
struct ResolveError {
  absl::Status status;
  std::string field;
};

// Thread-safe: the snapshot is swapped atomically (Replace) while readers resolve.
class CustomerDirectory {
 public:
  explicit CustomerDirectory(const IdentifierNormalizer& normalizer)
      : normalizer_(normalizer), index_(std::make_shared<const IdentityIndex>()) {}

  // Resolves `ref`; `field` is the request field that holds it (e.g. "customer").
  // INVALID_ARGUMENT (empty or malformed reference, naming the sub-field), NOT_FOUND (nobody has
  // this identifier), FAILED_PRECONDITION (a household identifier shared by several customers:
  // use SearchCustomers).
  absl::StatusOr<ResolvedCustomer> Resolve(const omnihub::v1::CustomerRef& ref,
                                           const std::string& field, ResolveError* error) const;

  void Replace(std::shared_ptr<const IdentityIndex> index) { index_.store(std::move(index)); }
  std::shared_ptr<const IdentityIndex> snapshot() const { return index_.load(); }
  const IdentifierNormalizer& normalizer() const { return normalizer_; }

 private:
  const IdentifierNormalizer& normalizer_;
  std::atomic<std::shared_ptr<const IdentityIndex>> index_;
};

}  // namespace omnihub::hub
