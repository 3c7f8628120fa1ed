#include "adapters/reference/reference_adapter.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "adapters/reference/simulated_call.h"
#include "adapters/reference/world_cache.h"
#include "tools/simulators/world/random.h"

namespace omnihub::reference {
namespace {

// No system here has account ids longer than this; longer ones are never looked up.
constexpr size_t kMaxAccountIdLength = 64;

// A printable, bounded rendering of a caller-supplied id for error messages.
std::string Quoted(std::string_view id) {
  std::string shown =
      absl::CHexEscape(absl::string_view(id.data(), std::min<size_t>(id.size(), 32)));
  if (id.size() > 32) absl::StrAppend(&shown, "...(", id.size(), " bytes)");
  return absl::StrCat("'", shown, "'");
}

std::optional<SliceKind> ParseSlice(std::string_view name) {
  if (name == "mainframe") return SliceKind::kMainframe;
  if (name == "erp") return SliceKind::kErp;
  if (name == "ecommerce") return SliceKind::kEcommerce;
  if (name == "payment") return SliceKind::kPayment;
  if (name == "pos") return SliceKind::kPos;
  return std::nullopt;
}

}  // namespace

struct ReferenceAdapter::Outcome {
  sdk::Clock::duration delay{};
  bool fail = false;
  bool garbage = false;
};

ReferenceAdapter::ReferenceAdapter(std::string system, ReferenceOptions options,
                                   std::shared_ptr<const world::World> world,
                                   boost::asio::any_io_executor executor)
    : options_(std::move(options)), executor_(std::move(executor)) {
  SliceNames names{system, options_.xref_mainframe_system, options_.xref_ecommerce_system};
  slice_ = MakeSlice(options_.slice, std::move(world), std::move(names));
  info_.system = std::move(system);
  info_.type = "reference";
  info_.capabilities = slice_->capabilities();
}

ReferenceAdapter::Outcome ReferenceAdapter::Roll() {
  world::Rng rng(options_.seed, 0xCA11, calls_.fetch_add(1, std::memory_order_relaxed));
  Outcome outcome;
  outcome.delay = options_.latency;
  if (options_.jitter.count() > 0) {
    outcome.delay += std::chrono::milliseconds(rng.Between(0, options_.jitter.count()));
  }
  outcome.fail = rng.Chance(options_.failure_rate);
  outcome.garbage = !outcome.fail && rng.Chance(options_.garbage_rate);
  return outcome;
}

void ReferenceAdapter::Fetch(const sdk::FetchRequest& request,
                             std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done) {
  using Call = SimulatedCall<sdk::SourceData>;
  if (request.account_ids.empty()) {
    Call::Start(
        executor_, std::move(context), {},
        [] { return absl::InvalidArgumentError("fetch needs at least one account id"); },
        std::move(done));
    return;
  }
  Outcome outcome = Roll();
  auto answer = [slice = slice_, request, outcome,
                 system = info_.system]() -> absl::StatusOr<sdk::SourceData> {
    if (outcome.fail) return absl::UnavailableError("simulated backend failure");
    if (outcome.garbage) {
      return absl::DataLossError(
          absl::StrCat(system, " answered malformed data (simulated garbage)"));
    }
    sdk::SourceData data;
    bool found = false;
    for (size_t i = 0; i < request.account_ids.size(); ++i) {
      const std::string& id = request.account_ids[i];
      if (id.size() > kMaxAccountIdLength || !slice->Holds(id)) continue;
      // The same account twice adds its records once.
      auto first = request.account_ids.begin();
      if (std::find(first, first + static_cast<std::ptrdiff_t>(i), id) != first + i) continue;
      found = true;
      slice->Fill(id, request, data);
    }
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat(system, " holds no account ", Quoted(request.account_ids.front())));
    }
    return data;
  };
  Call::Start(executor_, std::move(context), outcome.delay, std::move(answer), std::move(done));
}

void ReferenceAdapter::ScanIdentities(const std::string& cursor,
                                      std::shared_ptr<sdk::CallContext> context,
                                      sdk::ScanCallback done) {
  using Call = SimulatedCall<sdk::IdentityPage>;
  // The cursor is the offset of the next account, in decimal.
  size_t offset = 0;
  if (!cursor.empty()) {
    auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
    if (error != std::errc() || end != cursor.data() + cursor.size() || offset > slice_->size()) {
      Call::Start(
          executor_, std::move(context), {},
          [cursor] {
            return absl::InvalidArgumentError(
                absl::StrCat("invalid identity scan cursor ", Quoted(cursor)));
          },
          std::move(done));
      return;
    }
  }
  Outcome outcome = Roll();
  auto answer = [slice = slice_, offset, outcome,
                 system = info_.system]() -> absl::StatusOr<sdk::IdentityPage> {
    if (outcome.fail) return absl::UnavailableError("simulated backend failure");
    if (outcome.garbage) {
      return absl::DataLossError(
          absl::StrCat(system, " answered malformed data (simulated garbage)"));
    }
    sdk::IdentityPage page;
    size_t end = std::min(slice->size(), offset + kScanPageSize);
    page.accounts.reserve(end - offset);
    for (size_t i = offset; i < end; ++i) page.accounts.push_back(slice->Identity(i));
    if (end < slice->size()) page.next_cursor = std::to_string(end);
    return page;
  };
  Call::Start(executor_, std::move(context), outcome.delay, std::move(answer), std::move(done));
}

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeReferenceAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader reader(config);
  std::string slice_name = reader.RequiredString("slice");
  ReferenceOptions options;
  options.seed =
      static_cast<uint64_t>(reader.Int("seed", 42, 0, std::numeric_limits<int64_t>::max()));
  options.customers = static_cast<int>(reader.Int("customers", 1000, 1, 2000000));
  options.latency = std::chrono::milliseconds(reader.Int("latency_ms", 0, 0, 600000));
  options.jitter = std::chrono::milliseconds(reader.Int("jitter_ms", 0, 0, 600000));
  options.failure_rate = reader.Fraction("failure_rate", 0);
  options.garbage_rate = reader.Fraction("garbage_rate", 0);
  options.xref_mainframe_system = reader.String("xref_mainframe_system", "mainframe");
  options.xref_ecommerce_system = reader.String("xref_ecommerce_system", "ecommerce");
  if (auto status = reader.status(); !status.ok()) return status;
  auto slice = ParseSlice(slice_name);
  if (!slice) {
    return absl::InvalidArgumentError(absl::StrCat(
        config.origin, ": adapter '", config.system,
        "': setting 'slice' must be one of mainframe, erp, ecommerce, payment, pos, got '",
        slice_name, "'"));
  }
  if (!environment.executor) {
    return absl::FailedPreconditionError(
        absl::StrCat(config.origin, ": adapter '", config.system, "': no executor"));
  }
  options.slice = *slice;
  auto world = SharedWorld(options.seed, options.customers);
  return std::make_unique<ReferenceAdapter>(config.system, std::move(options), std::move(world),
                                            environment.executor);
}

}  // namespace omnihub::reference
