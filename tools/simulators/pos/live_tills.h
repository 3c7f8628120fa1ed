// LiveTills: the stores' tills selling now, for pos-sim's live feed. Each call to Next is one new
// till transaction of one of the stores' regulars (the world's card holders with till history,
// whose cards the poslog connector already holds, so the hub can attribute every live
// transaction), or of the given cards' holders: mostly sales (1-4 lines of the
// world's products, paid by card, cash or gift card), and about one in seven a return of one line
// of an earlier live sale at the same store, written in either style real tills use (a Return line
// item, or a Sale line with a negative quantity) with a refund tender.
//
// Receipts are unique within a run: one sequence counter, starting from `first_sequence` (pos-sim
// derives it from the time of day so that a restarted simulator does not repeat the receipts of
// an earlier run that day).
//
// Deterministic for a seed and a sequence of `now` values. Not thread-safe (one publisher thread).
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "tools/simulators/world/world.h"

namespace omnihub::pos_sim {

class LiveTills {
 public:
  // `cards`: the loyalty cards (digits) to sell to; empty: the card holders with till history.
  // Every card must belong to someone in `world` (std::invalid_argument naming it otherwise), and
  // the world must have card holders and products.
  LiveTills(const world::World& world, uint64_t seed, int64_t first_sequence,
            const std::vector<std::string>& cards);

  world::PosTransaction Next(world::Time now);

 private:
  world::PosTransaction Sale(const world::Person& person, world::Time now);
  world::PosTransaction Return(const world::PosTransaction& sale, world::Time now);

  const world::World& world_;
  std::mt19937_64 rng_;
  int64_t sequence_;
  std::vector<const world::Person*> holders_;
  std::deque<world::PosTransaction> recent_sales_;  // the last 1000, for returns
};

}  // namespace omnihub::pos_sim
