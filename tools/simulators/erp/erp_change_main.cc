// erp-change: the ERP's side of an order moving on, as its warehouse would cause it: sets an
// order's status in the ERP database in one transaction and then publishes the ERP's change
// event (ORDER_STATUS_CHANGED for the order's customer, section orders) on the change-event bus,
// the way an ERP's outbound integration announces it.
//
//   erp-change --connection "$OMNIHUB_ERP_CONNECTION" --order W1000002 --status delivered
//       [--publish tcp://127.0.0.1:5570] [--system erp] [--repeat 5 --every-ms 200]
//
// PUB/SUB drops what is sent before the subscriber has joined, so the event is sent --repeat
// times with the same event id (hubs ignore a repeated id). The connection string is never
// printed (it may hold a password). Exit codes: 0 done, 1 failed, 2 bad arguments, 3 no such
// order.
#include <google/protobuf/util/time_util.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/events/change_publisher.h"
#include "adapters/odbc/connection.h"

namespace {

namespace po = boost::program_options;
using omnihub::odbc::SqlParam;

// The ERP's order status codes (schema.sql, orders.status).
const std::map<std::string, std::string>& StatusCodes() {
  static const std::map<std::string, std::string> codes = {{"open", "O"},      {"picking", "P"},
                                                           {"shipped", "S"},   {"delivered", "D"},
                                                           {"cancelled", "X"}, {"returned", "R"}};
  return codes;
}

std::string StatusNames() {
  std::string names;
  for (const auto& [name, code] : StatusCodes())
    absl::StrAppend(&names, names.empty() ? "" : ", ", name);
  return names;
}

omnihub::odbc::Clock::time_point StatementDeadline() {
  return omnihub::odbc::Clock::now() + std::chrono::seconds(30);
}

int Fail(const std::string& message, int code = 1) {
  std::cerr << "erp-change: " << message << "\n";
  return code;
}

int Run(int argc, char** argv) {
  po::options_description options("erp-change options");
  options.add_options()("help", "show this help")("connection", po::value<std::string>(),
                                                  "ODBC connection string or DSN name (required)")(
      "order", po::value<std::string>(), "the order number, e.g. W1000002 (required)")(
      "status", po::value<std::string>(), ("the new status: " + StatusNames()).c_str())(
      "publish", po::value<std::string>()->default_value("tcp://127.0.0.1:5570"),
      "the change-event bus's publisher endpoint (a forwarder's frontend); empty: do not publish")(
      "system", po::value<std::string>()->default_value("erp"), "the ERP's name in the hub")(
      "repeat", po::value<int>()->default_value(5), "times the event is sent (1..100)")(
      "every-ms", po::value<int>()->default_value(200), "pause between sends (0..10000)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    std::cerr << "erp-change: " << error.what() << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  for (const char* required : {"connection", "order", "status"}) {
    if (!vm.count(required)) return Fail(absl::StrCat("--", required, " is required"), 2);
  }
  const std::string order = vm["order"].as<std::string>();
  if (order.empty() || order.size() > 16 ||
      !std::all_of(order.begin(), order.end(), [](char c) { return absl::ascii_isalnum(c); })) {
    return Fail("--order must be 1-16 letters and digits, e.g. W1000002", 2);
  }
  const auto code = StatusCodes().find(absl::AsciiStrToLower(vm["status"].as<std::string>()));
  if (code == StatusCodes().end()) {
    return Fail(absl::StrCat("--status must be one of ", StatusNames(), ", got '",
                             vm["status"].as<std::string>(), "'"),
                2);
  }
  const int repeat = vm["repeat"].as<int>();
  const int every_ms = vm["every-ms"].as<int>();
  if (repeat < 1 || repeat > 100) return Fail("--repeat must be in [1, 100]", 2);
  if (every_ms < 0 || every_ms > 10000) return Fail("--every-ms must be in [0, 10000]", 2);

  auto environment = omnihub::odbc::Environment::Create();
  if (!environment.ok()) return Fail(std::string(environment.status().message()));
  auto opened = omnihub::odbc::Connection::Open(*environment, vm["connection"].as<std::string>(),
                                                StatementDeadline());
  if (!opened.ok()) return Fail(std::string(opened.status().message()));
  auto& connection = *opened;

  // The update and the read of whose order it is, in one transaction.
  if (auto begun = connection->Begin(); !begun.ok()) return Fail(std::string(begun.message()));
  auto owner = connection->Query("SELECT customer_id, status FROM orders WHERE order_number = ?",
                                 {SqlParam::Text(order)}, StatementDeadline());
  if (!owner.ok()) return Fail(std::string(owner.status().message()));
  if (owner->rows.empty() || !owner->rows[0][0]) {
    (void)connection->Rollback();
    return Fail(absl::StrCat("the ERP has no order ", order), 3);
  }
  const std::string customer_id = *owner->rows[0][0];
  const std::string previous = owner->rows[0][1].value_or("?");
  auto updated = connection->Execute("UPDATE orders SET status = ? WHERE order_number = ?",
                                     {SqlParam::Text(code->second), SqlParam::Text(order)},
                                     StatementDeadline());
  if (!updated.ok()) {
    (void)connection->Rollback();
    return Fail(std::string(updated.status().message()));
  }
  if (auto committed = connection->Commit(); !committed.ok()) {
    return Fail(std::string(committed.message()));
  }
  std::cout << "order " << order << " of customer " << customer_id << ": status " << previous
            << " -> " << code->second << " (" << code->first << ")" << std::endl;

  const std::string endpoint = vm["publish"].as<std::string>();
  if (endpoint.empty()) return 0;
  auto publisher = omnihub::events::ChangePublisher::Create({endpoint, /*bind=*/false});
  if (!publisher.ok()) return Fail(std::string(publisher.status().message()));
  omnihub::changes::v1::BackendChange change;
  change.set_event_id(absl::StrCat("erp-change-", order, "-",
                                   std::chrono::system_clock::now().time_since_epoch().count()));
  change.set_type(omnihub::v1::EVENT_TYPE_ORDER_STATUS_CHANGED);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  change.set_system(vm["system"].as<std::string>());
  change.set_account_id(customer_id);
  change.set_subject(order);
  change.set_detail(absl::StrCat("order ", order, " is now ", code->first));
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  for (int i = 0; i < repeat; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(every_ms));
    if (auto status = (*publisher)->Publish(change); !status.ok()) {
      return Fail(std::string(status.message()));
    }
  }
  std::cout << "published " << change.event_id() << " to " << (*publisher)->endpoint() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "erp-change: " << error.what() << "\n";
    return 1;
  }
}
