// The "poslog" connector: in-store transactions by loyalty card from ARTS POSLog documents
// dropped into a directory, kept in a bounded per-card index.
//
// Settings (SettingsReader, every problem reported together):
//   drop_dir      required: the file-drop directory (see drop_directory.h); the backlog present
//                 at start is ingested before the factory returns, so the hub's identity scan
//                 sees those cards; new files are picked up every `poll_ms`.
//   poll_ms       default 500, in [10, 60000].
//   max_per_card  default 50, in [1, 10000]: newest transactions kept per card.
//   max_cards     default 1000000, in [1, 100000000]: cards kept (least recently updated evicted).
//   currency      default "GBP": ISO 4217 code of the tills' amounts.
// Not built yet (see the README of this directory): the live ZeroMQ feed (`feed`) and change
// events (`changes`); those settings are refused as unknown.
//
// Fetch: ORDERS (every kept transaction as a store order) and CONTACTS (returns as store
// contacts) for the account ids (= card digits), newest first, at most recent_limit each;
// NOT_FOUND when the index holds none of the cards. ScanIdentities: pages of the cards held
// (account number + loyalty card identifiers); the cursor is an offset.
// Thread-safe; answers are posted on the hub's executor, never run inline.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "adapters/sdk/registry.h"

namespace omnihub::poslog {

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakePoslogAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::poslog
