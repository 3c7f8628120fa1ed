// Identity quality against ground truth: builds the identity index from a generated world through
// the reference adapters' identity scans (the same path hubd takes) and scores it against the
// world's knowledge of who is who.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hub/identity/identity_index.h"
#include "tools/simulators/world/world.h"

namespace omnihub::identity_eval {

// The accounts and identifiers each system declares, read through its reference adapter.
std::vector<hub::IdentityIndex::SystemAccounts> ScanWorld(uint64_t seed, int customers);

// Pairwise scores: a pair is two accounts (of any systems).
struct PairScores {
  uint64_t true_pairs = 0;    // put together, and the same person
  uint64_t false_pairs = 0;   // put together, but different people (a wrong merge)
  uint64_t missed_pairs = 0;  // the same person, left apart
  double precision() const {
    return true_pairs + false_pairs == 0 ? 1.0
                                         : double(true_pairs) / double(true_pairs + false_pairs);
  }
  double recall() const {
    return true_pairs + missed_pairs == 0 ? 1.0
                                          : double(true_pairs) / double(true_pairs + missed_pairs);
  }
};

struct QualityReport {
  size_t accounts = 0;
  size_t people = 0;
  size_t golden_customers = 0;
  // Automatic links (deterministic rules on strong identifiers).
  PairScores automatic;
  // Candidate matches between golden customers (IdentityIndex::FindCandidates with what each
  // customer is known by: name with the postcode, phone or postal address): a true pair is a
  // candidate that is the same person; a missed pair is two golden customers of one person where
  // neither finds the other among its candidates.
  PairScores candidates;
};

// Scores `index` against `world`'s ground truth. `candidate_limit`: candidates asked per customer.
QualityReport Evaluate(const world::World& world, const hub::IdentityIndex& index,
                       size_t candidate_limit = 10);

}  // namespace omnihub::identity_eval
