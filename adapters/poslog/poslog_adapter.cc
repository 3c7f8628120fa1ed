// The "poslog" connector (see poslog_adapter.h).
#include "adapters/poslog/poslog_adapter.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "adapters/poslog/drop_directory.h"
#include "adapters/poslog/poslog_canonical.h"
#include "adapters/poslog/transaction_index.h"

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

class PoslogAdapter : public sdk::Adapter {
 public:
  PoslogAdapter(std::string system, boost::asio::any_io_executor executor, DropDirectory drop,
                size_t max_per_card, size_t max_cards, std::string currency, int poll_ms)
      : executor_(std::move(executor)),
        index_(max_per_card, max_cards),
        drop_(std::move(drop)),
        currency_(std::move(currency)),
        poll_(poll_ms) {
    info_.system = std::move(system);
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
  }

  // The backlog, then a poller for new files.
  absl::Status Start() {
    auto swept = drop_.Sweep([this](PoslogTransaction t) { index_.Add(std::move(t)); });
    if (!swept.ok()) return swept.status();
    poller_ = std::thread([this] { Poll(); });
    return absl::OkStatus();
  }

  const sdk::AdapterInfo& info() const override { return info_; }

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
          data.orders.push_back(ToOrder(t, info_.system, currency_));
        }
        if (contacts && t.is_return) {
          data.contacts.push_back(ReturnContact(t, info_.system, currency_));
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

  void Poll() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, poll_, [this] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      (void)drop_.Sweep([this](PoslogTransaction t) { index_.Add(std::move(t)); });
      lock.lock();
    }
  }

  sdk::AdapterInfo info_;
  boost::asio::any_io_executor executor_;
  TransactionIndex index_;
  DropDirectory drop_;
  std::string currency_;
  std::chrono::milliseconds poll_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread poller_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakePoslogAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader settings(config);
  std::string drop_dir = settings.RequiredString("drop_dir");
  int64_t poll_ms = settings.Int("poll_ms", 500, 10, 60000);
  int64_t max_per_card = settings.Int("max_per_card", 50, 1, 10000);
  int64_t max_cards = settings.Int("max_cards", 1000000, 1, 100000000);
  std::string currency = settings.String("currency", "GBP");
  if (auto status = settings.status(); !status.ok()) return status;
  if (currency.size() != 3 ||
      !std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return absl::InvalidArgumentError(absl::StrCat(config.origin, ": adapter '", config.system,
                                                   "': setting 'currency' must be an ISO 4217 "
                                                   "code like GBP, got '",
                                                   currency.substr(0, 32), "'"));
  }
  auto drop = DropDirectory::Open(drop_dir);
  if (!drop.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config.origin, ": adapter '", config.system, "': ", drop.status().message()));
  }
  auto adapter = std::make_unique<PoslogAdapter>(
      config.system, environment.executor, *std::move(drop), static_cast<size_t>(max_per_card),
      static_cast<size_t>(max_cards), currency, static_cast<int>(poll_ms));
  if (auto status = adapter->Start(); !status.ok()) return status;
  return adapter;
}

}  // namespace omnihub::poslog
