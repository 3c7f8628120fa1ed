#include "hub/identity/index_key.h"

#include "absl/hash/hash.h"
#include "absl/strings/match.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "hub/identity/siphash.h"

namespace omnihub::hub {

using omnihub::sdk::IdentifierNormalizer;

uint64_t HashKey(absl::string_view key) { return absl::Hash<absl::string_view>{}(key); }

uint64_t CheckKey(absl::string_view key) { return SipHash(ProcessSipKey(), key); }

IndexKey::IndexKey(const omnihub::v1::Identifier& normalized) {
  for (absl::string_view piece : IdentifierNormalizer::KeyPieces(normalized)) {
    bytes_.insert(bytes_.end(), piece.begin(), piece.end());
  }
}

bool HasKey(const omnihub::v1::Identifier& normalized, absl::string_view key) {
  for (absl::string_view piece : IdentifierNormalizer::KeyPieces(normalized)) {
    if (!absl::StartsWith(key, piece)) return false;
    key.remove_prefix(piece.size());
  }
  return key.empty();
}

bool SameKey(const omnihub::v1::Identifier& a, const omnihub::v1::Identifier& b) {
  return HasKey(a, IndexKey(b).view());
}

}  // namespace omnihub::hub
