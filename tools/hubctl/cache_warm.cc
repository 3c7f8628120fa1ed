#include "tools/hubctl/cache_warm.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "omnihub/v1/customer.grpc.pb.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

constexpr size_t kMaxLineBytes = 4096;
constexpr int kMaxLines = 1'000'000;

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// "kind value" / "--kind value" / "--kind=value" -> a reference, through the same options and
// checks as the command line.
v1::CustomerRef ParseReference(const std::string& line) {
  std::string kind = line, value;
  const auto space = line.find_first_of(" \t");
  const auto equals = line.find('=');
  if (equals != std::string::npos && (space == std::string::npos || equals < space)) {
    kind = line.substr(0, equals);
    value = Trim(line.substr(equals + 1));
  } else if (space != std::string::npos) {
    kind = line.substr(0, space);
    value = Trim(line.substr(space));
  }
  while (!kind.empty() && kind.front() == '-') kind.erase(kind.begin());
  po::options_description options;
  AddCustomerRefOptions(options);
  const bool known = !kind.empty() && options.find_nothrow(kind, /*approx=*/false) != nullptr;
  if (!known && value.empty()) {
    throw UsageError("expected a kind and a value, e.g. \"email jane.doe@example.com\"");
  }
  if (!known) {
    throw UsageError("unknown kind '" + kind +
                     "' (use id, email, phone, twitter, facebook, loyalty, address or account)");
  }
  if (value.empty()) throw UsageError("no value after '" + kind + "'");
  po::variables_map flags;
  const std::vector<std::string> args = {"--" + kind, value};
  po::store(po::command_line_parser(args).options(options).run(), flags);
  return RequiredCustomerRef(flags);
}

}  // namespace

WarmFile ParseWarmFile(std::istream& in) {
  WarmFile file;
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    if (number > kMaxLines) {
      file.problems.push_back("line " + std::to_string(number) + ": more than " +
                              std::to_string(kMaxLines) + " lines; the rest is skipped");
      break;
    }
    if (raw.size() > kMaxLineBytes) {
      file.problems.push_back("line " + std::to_string(number) + ": longer than " +
                              std::to_string(kMaxLineBytes) + " bytes");
      continue;
    }
    const std::string line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    try {
      file.entries.push_back({number, ParseReference(line)});
    } catch (const std::exception& error) {
      file.problems.push_back("line " + std::to_string(number) + ": " + error.what());
    }
  }
  return file;
}

WarmProgress WarmCache(const std::shared_ptr<grpc::Channel>& channel,
                       const std::vector<WarmEntry>& entries, const WarmOptions& options,
                       const std::function<void(const WarmProgress&)>& on_progress,
                       const std::function<void(int, const std::string&)>& on_failure) {
  auto stub = v1::CustomerService::NewStub(channel);
  std::mutex mutex;
  std::condition_variable changed;
  WarmProgress progress;
  progress.total = entries.size();
  int in_flight = 0;
  const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / std::max(options.rate, 1e-3)));
  const auto started = std::chrono::steady_clock::now();

  struct Call {
    grpc::ClientContext context;
    v1::GetCustomer360Request request;
    v1::Customer360 response;
  };
  for (size_t i = 0; i < entries.size(); ++i) {
    std::this_thread::sleep_until(started + interval * static_cast<long>(i));
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return in_flight < options.concurrency; });
      ++in_flight;
    }
    auto call = std::make_shared<Call>();
    call->context.set_deadline(std::chrono::system_clock::now() + options.timeout);
    *call->request.mutable_customer() = entries[i].ref;
    const int line = entries[i].line;
    stub->async()->GetCustomer360(&call->context, &call->request, &call->response,
                                  [&, call, line](grpc::Status status) {
                                    std::lock_guard lock(mutex);
                                    ++progress.done;
                                    if (status.ok()) {
                                      ++progress.warmed;
                                    } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
                                      ++progress.not_found;
                                    } else {
                                      ++progress.failed;
                                      if (on_failure) on_failure(line, status.error_message());
                                    }
                                    if (on_progress) on_progress(progress);
                                    --in_flight;
                                    changed.notify_all();
                                  });
  }
  std::unique_lock lock(mutex);
  changed.wait(lock, [&] { return in_flight == 0; });
  return progress;
}

}  // namespace omnihub::hubctl
