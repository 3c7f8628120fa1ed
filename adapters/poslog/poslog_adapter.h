// The "poslog" connector: in-store transactions by loyalty card from ARTS POSLog documents
// dropped into a directory and published live by the stores over ZeroMQ, kept in a bounded
// per-card index; newly indexed transactions are published as change events.
//
// Settings (SettingsReader, every problem reported together; `drop_dir` or `feed` or both):
//   drop_dir      the file-drop directory (see drop_directory.h); the backlog present at start is
//                 ingested before the factory returns, so the hub's identity scan sees those
//                 cards; new files are picked up every `poll_ms`.
//   feed          the stores' live POSLog over ZeroMQ (see live_feed.h): 1-16 endpoints to
//                 connect to, separated by spaces or commas, e.g. "tcp://127.0.0.1:5556".
//   max_message_bytes  default 1048576, in [1024, 16777216]: the largest live message (one
//                 POSLog document); ZeroMQ refuses larger frames before allocating them.
//   publish_changes  a ZeroMQ endpoint to connect a change publisher to (the event forwarder's
//                 frontend, e.g. "tcp://127.0.0.1:5570"): every transaction newly indexed after
//                 the start-up backlog (from the feed or a new file) is published as a
//                 POS_TRANSACTION change about its card (see pos_change.h); a receipt seen again
//                 (file and feed) is indexed once and published once.
//   publish_changes_bind  default false: bind the publisher to `publish_changes` instead, for a
//                 single hub that subscribes to the connector directly (no forwarder).
//   poll_ms       default 500, in [10, 60000].
//   max_per_card  default 50, in [1, 10000]: newest transactions kept per card.
//   max_cards     default 1000000, in [1, 100000000]: cards kept (least recently updated evicted).
//   currency      default "GBP": ISO 4217 code for change events of transactions without a
//                 mapped total (the mapping's money transforms give every amount its currency).
//   mapping       a connector="poslog" mapping file (relative to the configuration file) saying
//                 how a POSLog transaction becomes canonical; default: the built-in
//                 mappings/systems/pos.xml (pos_mapping.h). Its system name must be the adapter's.
// A rejected live message, a dropped feed connection or an unpublished change is logged on stderr
// with the reason at a bounded rate (the first 10, then every 1000th), never fatal.
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
