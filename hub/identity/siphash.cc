#include "hub/identity/siphash.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/base/internal/endian.h"

namespace omnihub::hub {
namespace {

inline uint64_t Rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

inline void Round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
  v0 += v1;
  v1 = Rotl(v1, 13);
  v1 ^= v0;
  v0 = Rotl(v0, 32);
  v2 += v3;
  v3 = Rotl(v3, 16);
  v3 ^= v2;
  v0 += v3;
  v3 = Rotl(v3, 21);
  v3 ^= v0;
  v2 += v1;
  v1 = Rotl(v1, 17);
  v1 ^= v2;
  v2 = Rotl(v2, 32);
}

SipKey DrawKey() {
  unsigned char bytes[16];
  size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "omnihub: getrandom failed (%s): no key for the identity index\n",
                   std::strerror(errno));
      std::abort();
    }
    got += static_cast<size_t>(n);
  }
  return {absl::little_endian::Load64(bytes), absl::little_endian::Load64(bytes + 8)};
}

}  // namespace

const SipKey& ProcessSipKey() {
  static const SipKey key = DrawKey();
  return key;
}

void SipHasher::Compress(uint64_t block) {
  v3_ ^= block;
  Round(v0_, v1_, v2_, v3_);
  Round(v0_, v1_, v2_, v3_);
  v0_ ^= block;
}

void SipHasher::Update(absl::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  // Complete the pending block first.
  size_t pending = length_ % 8;
  length_ += n;
  if (pending != 0) {
    while (n > 0 && pending < 8) {
      tail_ |= uint64_t{static_cast<unsigned char>(*p++)} << (8 * pending++);
      --n;
    }
    if (pending < 8) return;
    Compress(tail_);
    tail_ = 0;
  }
  for (; n >= 8; p += 8, n -= 8) Compress(absl::little_endian::Load64(p));
  for (size_t i = 0; i < n; ++i) {
    tail_ |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
}

uint64_t SipHasher::Finish() {
  Compress(tail_ | (uint64_t{length_ & 0xff} << 56));
  v2_ ^= 0xff;
  for (int i = 0; i < 4; ++i) Round(v0_, v1_, v2_, v3_);
  return v0_ ^ v1_ ^ v2_ ^ v3_;
}

uint64_t SipHash(const SipKey& key, absl::string_view bytes) {
  SipHasher hasher(key);
  hasher.Update(bytes);
  return hasher.Finish();
}

}  // namespace omnihub::hub
