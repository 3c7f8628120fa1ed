// Index keys (IdentifierNormalizer::Key) without a heap string: assembled on the stack to look one
// up, hashed, and compared with an identifier piece by piece. What lets the built index store no
// key text of its own.
#pragma once

#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

// How the index hashes a key (its bytes, as IdentifierNormalizer::Key spells them). What links,
// merges and withdraws confirms a hit against the holder's own identifier (HasKey). A look-up
// (IdentityIndex::Find) trusts the 128-bit fingerprint of this hash and CheckKey, unless the build
// found two keys sharing one (HolderTable::has_fingerprint_collisions): confirming costs about
// three cache misses, half the look-up rate at 1 M customers. Tests inject a colliding hash.
using KeyHashFunction = uint64_t (*)(absl::string_view key);

// The default: absl::Hash (seeded per process, never stored). Fast, but not made to resist
// crafted collisions: it places keys, CheckKey guards them.
uint64_t HashKey(absl::string_view key);
// A second hash of a key, independent of HashKey and never replaced: SipHash-2-4, a keyed PRF,
// under a key drawn from the operating system per process (ProcessSipKey, siphash.h). A look-up
// that trusts the fingerprint takes a key for another only if both hashes agree; with CheckKey
// keyed, an identifier crafted offline to collide with a victim's key (and held by no system, so
// the build never saw the collision) matches with a chance of 2^-64 per try, not by computation.
// (An unkeyed second hash, such as libstdc++'s MurmurHash2, can be inverted at will.)
uint64_t CheckKey(absl::string_view key);

// IdentifierNormalizer::Key(normalized), assembled in place (no allocation up to the inline size;
// longer keys spill to the heap).
class IndexKey {
 public:
  explicit IndexKey(const omnihub::v1::Identifier& normalized);
  absl::string_view view() const { return {bytes_.data(), bytes_.size()}; }

 private:
  absl::InlinedVector<char, 120> bytes_;
};

// IdentifierNormalizer::Key(normalized) == key, without building the former.
bool HasKey(const omnihub::v1::Identifier& normalized, absl::string_view key);

// Whether the keys of two normalised identifiers are equal.
bool SameKey(const omnihub::v1::Identifier& a, const omnihub::v1::Identifier& b);

}  // namespace omnihub::hub
