// The "poslog" connector (see poslog_adapter.h).
#include "adapters/poslog/poslog_adapter.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <charconv>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "adapters/events/change_publisher.h"
#include "adapters/poslog/drop_directory.h"
#include "adapters/poslog/live_feed.h"
#include "adapters/poslog/pos_change.h"
#include "adapters/poslog/pos_mapping.h"
#include "adapters/poslog/poslog_canonical.h"
#include "adapters/poslog/transaction_index.h"
#include "adapters/sdk/config_path.h"

namespace omnihub::poslog {
namespace {

constexpr size_t kScanPageSize = 500;
constexpr size_t kMaxAccountIdLength = 64;

bool Wants(const sdk::FetchRequest& request, v1::Section section) {
  return std::find(request.sections.begin(), request.sections.end(), section) !=
         request.sections.end();
}

v1::Identifier MakeIdentifier(v1::IdentifierType type, const std::string& value,
                              const std::string& system) {
  v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(value);
  identifier.set_system(system);
  return identifier;
}

// A problem worth a line on stderr, logged at a bounded rate: the first 10, then every 1000th.
class BoundedLog {
 public:
  explicit BoundedLog(std::string prefix) : prefix_(std::move(prefix)) {}
  void operator()(const char* what, const absl::Status& reason) {
    uint64_t n = ++count_;
    if (n > 10 && n % 1000 != 0) return;
    std::cerr << prefix_ << what << " (" << n << " so far): " << reason.message() << std::endl;
  }

 private:
  std::string prefix_;
  std::atomic<uint64_t> count_{0};
};

struct PoslogOptions {
  std::string system;
  std::optional<DropDirectory> drop;
  LiveFeedOptions feed;  // no endpoints: no live feed
  std::string publish_changes;
  bool publish_changes_bind = false;
  size_t max_per_card = 50;
  size_t max_cards = 1000000;
  std::string currency = "GBP";
  int poll_ms = 500;
};

class PoslogAdapter : public sdk::Adapter {
 public:
  PoslogAdapter(PoslogOptions options, boost::asio::any_io_executor executor)
      : executor_(std::move(executor)),
        index_(options.max_per_card, options.max_cards),
        drop_(std::move(options.drop)),
        feed_options_(std::move(options.feed)),
        publish_changes_(std::move(options.publish_changes)),
        publish_changes_bind_(options.publish_changes_bind),
        currency_(std::move(options.currency)),
        poll_(options.poll_ms),
        feed_log_(absl::StrCat("poslog connector '", options.system, "': ")),
        unpublished_log_(absl::StrCat("poslog connector '", options.system, "': ")) {
    info_.system = std::move(options.system);
    info_.type = "poslog";
    info_.capabilities = {sdk::Capability::kOrders, sdk::Capability::kContacts,
                          sdk::Capability::kIdentityScan};
  }

  ~PoslogAdapter() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (poller_.joinable()) poller_.join();
    feed_.reset();  // its thread calls Ingest
  }

  // The file backlog (not announced: no hub has cached anything from it yet), then the change
  // publisher, the live feed and a poller for new files.
  absl::Status Start() {
    if (drop_) {
      auto swept = drop_->Sweep([this](PoslogTransaction t) { Index(std::move(t)); });
      if (!swept.ok()) return swept.status();
      Count(*swept);
    }
    if (!publish_changes_.empty()) {
      auto publisher = events::ChangePublisher::Create({publish_changes_, publish_changes_bind_});
      if (!publisher.ok()) return publisher.status();
      publisher_ = *std::move(publisher);
    }
    if (!feed_options_.endpoints.empty()) {
      auto feed = LiveFeed::Start(
          feed_options_, [this](PoslogTransaction t) { Ingest(std::move(t)); },
          [this](const absl::Status& problem) { feed_log_("live feed", problem); });
      if (!feed.ok()) return feed.status();
      feed_ = *std::move(feed);
    }
    if (drop_) poller_ = std::thread([this] { Poll(); });
    return absl::OkStatus();
  }

  const sdk::AdapterInfo& info() const override { return info_; }

  std::vector<sdk::AdapterCounter> Counters() const override {
    std::vector<sdk::AdapterCounter> counters = {
        {"transactions_indexed", index_.transaction_count()},
        {"loyalty_cards", index_.card_count()},
        {"duplicates_ignored", duplicates_.load()},
        {"too_old_ignored", too_old_.load()},
    };
    if (drop_) {
      counters.push_back({"files_processed", files_processed_.load()});
      counters.push_back({"files_quarantined", files_quarantined_.load()});
    }
    if (feed_) {
      const LiveFeedStats live = feed_->stats();
      counters.push_back({"live_messages", live.messages});
      counters.push_back({"live_rejected", live.rejected});
      counters.push_back({"live_reconnects", live.reconnects});
    }
    if (publisher_) counters.push_back({"changes_unpublished", unpublished_.load()});
    return counters;
  }

  void Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
             sdk::FetchCallback done) override {
    absl::StatusOr<sdk::SourceData> answer = Answer(request);
    Reply(std::move(context), std::move(answer), std::move(done));
  }

  void ScanIdentities(const std::string& cursor, std::shared_ptr<sdk::CallContext> context,
                      sdk::ScanCallback done) override {
    size_t offset = 0;
    if (!cursor.empty()) {
      auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
      if (error != std::errc() || end != cursor.data() + cursor.size()) {
        Reply(std::move(context),
              absl::StatusOr<sdk::IdentityPage>(absl::InvalidArgumentError(
                  absl::StrCat("invalid identity scan cursor '", cursor.substr(0, 64), "'"))),
              std::move(done));
        return;
      }
    }
    sdk::IdentityPage page;
    std::vector<std::string> cards = index_.Cards(offset, kScanPageSize + 1);
    if (cards.size() > kScanPageSize) {
      cards.pop_back();
      page.next_cursor = std::to_string(offset + kScanPageSize);
    }
    for (const std::string& card : cards) {
      sdk::AccountIdentity identity;
      identity.account_id = card;
      identity.identifiers.push_back(
          MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, card, info_.system));
      identity.identifiers.push_back(MakeIdentifier(v1::IDENTIFIER_TYPE_LOYALTY_CARD, card, ""));
      page.accounts.push_back(std::move(identity));
    }
    Reply(std::move(context), absl::StatusOr<sdk::IdentityPage>(std::move(page)), std::move(done));
  }

 private:
  absl::StatusOr<sdk::SourceData> Answer(const sdk::FetchRequest& request) const {
    if (request.account_ids.empty()) {
      return absl::InvalidArgumentError("fetch needs at least one account id");
    }
    bool orders = Wants(request, v1::SECTION_ORDERS);
    bool contacts = Wants(request, v1::SECTION_CONTACTS);
    size_t limit = request.recent_limit > 0 ? static_cast<size_t>(request.recent_limit) : 20;
    sdk::SourceData data;
    bool found = false;
    std::vector<std::string> seen;
    for (const std::string& id : request.account_ids) {
      if (id.size() > kMaxAccountIdLength) continue;
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      auto kept = index_.Find(id);
      if (!kept) continue;
      found = true;
      for (const PoslogTransaction& t : *kept) {
        if (orders && (request.order_number.empty() || t.ReceiptNumber() == request.order_number)) {
          data.orders.push_back(ToOrder(t, info_.system));
        }
        if (contacts && t.is_return) {
          data.contacts.push_back(ReturnContact(t, info_.system));
        }
      }
    }
    if (!found) {
      return absl::NotFoundError(absl::StrCat(info_.system, " holds no account '",
                                              request.account_ids.front().substr(0, 64), "'"));
    }
    auto newest_first = [limit](auto& items, auto time_of) {
      std::stable_sort(items.begin(), items.end(),
                       [&](const auto& a, const auto& b) { return time_of(a) > time_of(b); });
      if (items.size() > limit) items.resize(limit);
    };
    newest_first(data.orders, [](const v1::Order& o) { return o.placed_at().seconds(); });
    newest_first(data.contacts, [](const v1::Contact& c) { return c.occurred_at().seconds(); });
    return data;
  }

  template <typename T, typename Callback>
  void Reply(std::shared_ptr<sdk::CallContext> context, absl::StatusOr<T> answer, Callback done) {
    boost::asio::post(executor_, [context = std::move(context), answer = std::move(answer),
                                  done = std::move(done)]() mutable {
      if (context->cancelled()) {
        done(absl::CancelledError("call cancelled"));
      } else if (context->expired()) {
        done(absl::DeadlineExceededError("deadline passed before the answer"));
      } else {
        done(std::move(answer));
      }
    });
  }

  // Indexes a transaction that arrived after start-up; a newly indexed one is announced.
  void Ingest(PoslogTransaction transaction) {
    if (publisher_ == nullptr) {
      Index(std::move(transaction));
      return;
    }
    events::BackendChange change = PosTransactionChange(transaction, info_.system, currency_);
    if (Index(std::move(transaction)) != TransactionIndex::AddResult::kAdded) return;
    if (auto status = publisher_->Publish(change); !status.ok()) {
      ++unpublished_;
      unpublished_log_("change event not published", status);
    }
  }

  // Adds to the index, counting what it turned away.
  TransactionIndex::AddResult Index(PoslogTransaction transaction) {
    const auto result = index_.Add(std::move(transaction));
    if (result == TransactionIndex::AddResult::kDuplicate) ++duplicates_;
    if (result == TransactionIndex::AddResult::kTooOld) ++too_old_;
    return result;
  }

  void Count(const SweepResult& swept) {
    files_processed_ += swept.files_processed;
    files_quarantined_ += swept.files_quarantined;
  }

  void Poll() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, poll_, [this] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      auto swept = drop_->Sweep([this](PoslogTransaction t) { Ingest(std::move(t)); });
      if (swept.ok()) Count(*swept);
      lock.lock();
    }
  }

  sdk::AdapterInfo info_;
  boost::asio::any_io_executor executor_;
  TransactionIndex index_;
  std::optional<DropDirectory> drop_;
  LiveFeedOptions feed_options_;
  std::string publish_changes_;
  bool publish_changes_bind_;
  std::string currency_;
  std::chrono::milliseconds poll_;
  BoundedLog feed_log_;
  BoundedLog unpublished_log_;
  std::unique_ptr<events::ChangePublisher> publisher_;  // before feed_: the feed uses it
  std::unique_ptr<LiveFeed> feed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread poller_;
  // Counters().
  std::atomic<uint64_t> duplicates_{0};
  std::atomic<uint64_t> too_old_{0};
  std::atomic<uint64_t> files_processed_{0};
  std::atomic<uint64_t> files_quarantined_{0};
  std::atomic<uint64_t> unpublished_{0};
};

}  // namespace

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakePoslogAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader settings(config);
  std::string mapping_setting = settings.String("mapping", "");
  std::string drop_dir = settings.String("drop_dir", "");
  std::string feed = settings.String("feed", "");
  int64_t max_message_bytes = settings.Int("max_message_bytes", 1 << 20, 1024, 16 << 20);
  std::string publish_changes = settings.String("publish_changes", "");
  bool publish_changes_bind = settings.Bool("publish_changes_bind", false);
  int64_t poll_ms = settings.Int("poll_ms", 500, 10, 60000);
  int64_t max_per_card = settings.Int("max_per_card", 50, 1, 10000);
  int64_t max_cards = settings.Int("max_cards", 1000000, 1, 100000000);
  std::string currency = settings.String("currency", "GBP");
  if (auto status = settings.status(); !status.ok()) return status;
  auto bad = [&config](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat(config.origin, ": adapter '", config.system, "': ", what));
  };
  if (currency.size() != 3 ||
      !std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return bad(absl::StrCat("setting 'currency' must be an ISO 4217 code like GBP, got '",
                            currency.substr(0, 32), "'"));
  }
  PoslogOptions options;
  options.system = config.system;
  // How transactions are read: the configured mapping file, else the built-in pos.xml.
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping;
  if (!mapping_setting.empty()) {
    auto loaded = LoadPosMapping(sdk::ResolveConfigPath(config.origin, mapping_setting).string());
    if (!loaded.ok()) return bad(loaded.status().message());
    mapping = *std::move(loaded);
    if (mapping->name != config.system) {
      return bad(absl::StrCat("the mapping ", mapping->file, " describes system '", mapping->name,
                              "'; name the adapter '", mapping->name, "'"));
    }
  } else {
    auto builtin = BuiltinPosMapping();
    if (!builtin.ok()) return bad(builtin.status().message());
    mapping = *std::move(builtin);
  }
  options.feed.endpoints = absl::StrSplit(feed, absl::ByAnyChar(" ,\t"), absl::SkipWhitespace());
  options.feed.limits.max_document_bytes = static_cast<size_t>(max_message_bytes);
  options.feed.limits.mapping = mapping;
  if (drop_dir.empty() && options.feed.endpoints.empty()) {
    return bad(
        "needs setting 'drop_dir' (a POSLog file-drop directory) or 'feed' (ZeroMQ "
        "endpoints of the stores' live POSLog), or both");
  }
  if (options.feed.endpoints.size() > kMaxFeedEndpoints) {
    return bad(absl::StrCat("setting 'feed' names ", options.feed.endpoints.size(),
                            " endpoints; at most ", kMaxFeedEndpoints));
  }
  if (!publish_changes.empty()) {
    // The change's system must be valid on the bus: refuse it now rather than at every change.
    PoslogTransaction probe;
    probe.store_id = "S1";
    probe.register_id = "R1";
    probe.business_day = "2000-01-01";
    probe.card = "0";
    probe.line_count = 1;
    if (auto status = events::ValidateChange(PosTransactionChange(probe, config.system, currency));
        !status.ok()) {
      return bad(absl::StrCat("cannot publish changes: ", status.message()));
    }
  }
  if (!drop_dir.empty()) {
    auto drop = DropDirectory::Open(drop_dir, PoslogLimits{.mapping = mapping});
    if (!drop.ok()) return bad(drop.status().message());
    options.drop = *std::move(drop);
  }
  options.publish_changes = publish_changes;
  options.publish_changes_bind = publish_changes_bind;
  options.max_per_card = static_cast<size_t>(max_per_card);
  options.max_cards = static_cast<size_t>(max_cards);
  options.currency = currency;
  options.poll_ms = static_cast<int>(poll_ms);
  auto adapter = std::make_unique<PoslogAdapter>(std::move(options), environment.executor);
  if (auto status = adapter->Start(); !status.ok()) {
    return absl::Status(status.code(), absl::StrCat(config.origin, ": adapter '", config.system,
                                                    "': ", status.message()));
  }
  return adapter;
}

}  // namespace omnihub::poslog
