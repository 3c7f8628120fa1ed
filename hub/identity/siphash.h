// SipHash-2-4 (Aumasson & Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed hash whose
// output an attacker who does not know the key cannot predict, fed piece by piece.
//
// Why the identity index needs one: a look-up (IdentityIndex::Find) trusts the 128-bit fingerprint
// of a key (HashKey and CheckKey, holder_table.h) without comparing the key's text. With two
// unkeyed or guessable hashes, an identifier crafted to collide with a victim's key on both
// (an e-mail address no system holds, sent to the API) would resolve to the victim and show their
// data. A key drawn from the operating system at start-up and never stored (ProcessSipKey) makes
// such a collision a 2^-64 guess per attempt, not a computation.
#pragma once

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace omnihub::hub {

// A 128-bit SipHash key (k0: its first 8 bytes read little-endian, k1 the next 8).
struct SipKey {
  uint64_t k0 = 0;
  uint64_t k1 = 0;
};

// The key of this process: 16 bytes from getrandom(2), drawn once on first use (thread-safe).
// Aborts when the operating system gives no randomness (a guessable key would defeat its purpose).
const SipKey& ProcessSipKey();

// Incremental SipHash-2-4: Update with the message's pieces in order, then Finish. Hashing
// "ab" + "c" gives what hashing "abc" gives. A plain value; not thread-safe (one per hash).
class SipHasher {
 public:
  explicit SipHasher(const SipKey& key)
      : v0_(0x736f6d6570736575ULL ^ key.k0),
        v1_(0x646f72616e646f6dULL ^ key.k1),
        v2_(0x6c7967656e657261ULL ^ key.k0),
        v3_(0x7465646279746573ULL ^ key.k1) {}

  void Update(absl::string_view bytes);
  // The 64-bit hash of everything Updated (the hasher is spent).
  uint64_t Finish();

 private:
  void Compress(uint64_t block);

  uint64_t v0_, v1_, v2_, v3_;
  // The bytes of an unfinished 8-byte block, little-endian, and the message length so far.
  uint64_t tail_ = 0;
  size_t length_ = 0;
};

// SipHash-2-4 of `bytes` under `key`.
uint64_t SipHash(const SipKey& key, absl::string_view bytes);

}  // namespace omnihub::hub
