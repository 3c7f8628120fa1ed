// Deterministic randomness for the world generator: splitmix64 and our own range mapping, so the
// same seed gives the same world with every compiler and standard library.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace omnihub::world {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One independent stream of random numbers. Value type; not thread-safe (one per generator step).
class Rng {
 public:
  // A stream derived from (seed, stream, index): each system and person gets its own stream, so
  // adding records to one system never shifts another's.
  Rng(uint64_t seed, uint64_t stream, uint64_t index) : state_(seed) {
    uint64_t mix = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    state_ = SplitMix64(mix) ^ (index * 0x9E3779B97F4A7C15ULL);
    (void)Next();
  }

  uint64_t Next() { return SplitMix64(state_); }
  // Uniform-enough in [0, n) (modulo bias below 2^-40 for the ranges used here); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // In [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability p (53-bit resolution; IEEE arithmetic is the same everywhere).
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

// Stream ids, one per generation step.
enum Stream : uint64_t {
  kStreamPerson = 1,
  kStreamMainframe,
  kStreamErp,
  kStreamEcom,
  kStreamOrders,
  kStreamPayment,
  kStreamPos,
  kStreamNumbering,
};

}  // namespace omnihub::world
