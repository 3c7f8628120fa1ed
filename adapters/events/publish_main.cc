// omnihub-publish-change: publishes change events by hand, for operators and tests: the same
// wire format and validation as connectors use.
//
//   omnihub-publish-change --endpoint tcp://127.0.0.1:5570 --system erp --account C0100001
//       --type shipment-delayed --subject W1000002 --detail "carrier reports a delay"
//       --section orders [--bind] [--count N] [--every-ms MS]
//
// Connects to a forwarder's frontend by default; --bind makes it a publisher hubs connect to
// (with "tcp://127.0.0.1:*" the chosen endpoint is printed first). PUB/SUB drops what is sent
// before a subscriber has joined, so --count/--every-ms repeat the change, each time with a new
// event id (hubs ignore a repeated id).
#include <google/protobuf/util/time_util.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "adapters/events/change_publisher.h"

namespace {

template <typename Enum>
bool ParseLabel(const std::string& text, const std::string& prefix,
                bool (*parse)(const std::string&, Enum*), Enum* out) {
  return parse(prefix + absl::AsciiStrToUpper(absl::StrReplaceAll(text, {{"-", "_"}})), out);
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string endpoint;
  std::string system;
  std::string account;
  std::string type_text;
  std::string subject;
  std::string detail;
  std::vector<std::string> section_texts;
  int count = 1;
  int every_ms = 200;
  po::options_description options("omnihub-publish-change options");
  options.add_options()("help", "show this help")(
      "endpoint", po::value(&endpoint)->default_value("tcp://127.0.0.1:5570"), "ZeroMQ endpoint")(
      "bind", "bind the endpoint instead of connecting")("system", po::value(&system)->required(),
                                                         "the system the change comes from")(
      "account", po::value(&account)->required(), "the system's account number")(
      "type", po::value(&type_text)->required(), "e.g. shipment-delayed, note-added")(
      "subject", po::value(&subject)->default_value(""), "what changed (order number...)")(
      "detail", po::value(&detail)->default_value(""), "a short description")(
      "section", po::value(&section_texts), "affected section, e.g. orders (repeatable)")(
      "count", po::value(&count)->default_value(1), "how many times to publish")(
      "every-ms", po::value(&every_ms)->default_value(200), "pause between publications");
  po::variables_map values;
  try {
    po::store(po::parse_command_line(argc, argv, options), values);
    if (values.count("help")) {
      std::cout << options;
      return 0;
    }
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "omnihub-publish-change: " << error.what() << "\n" << options;
    return 2;
  }

  omnihub::changes::v1::BackendChange change;
  omnihub::v1::EventType type{};
  if (!ParseLabel(type_text, "EVENT_TYPE_", &omnihub::v1::EventType_Parse, &type)) {
    std::cerr << "omnihub-publish-change: unknown --type '" << type_text << "'\n";
    return 2;
  }
  change.set_type(type);
  change.set_system(system);
  change.set_account_id(account);
  change.set_subject(subject);
  change.set_detail(detail);
  for (const auto& text : section_texts) {
    omnihub::v1::Section section{};
    if (!ParseLabel(text, "SECTION_", &omnihub::v1::Section_Parse, &section)) {
      std::cerr << "omnihub-publish-change: unknown --section '" << text << "'\n";
      return 2;
    }
    change.add_affected_sections(section);
  }

  auto publisher = omnihub::events::ChangePublisher::Create({endpoint, values.count("bind") > 0});
  if (!publisher.ok()) {
    std::cerr << "omnihub-publish-change: " << publisher.status().message() << "\n";
    return 1;
  }
  std::cout << "endpoint=" << (*publisher)->endpoint() << std::endl;
  const auto run = std::chrono::system_clock::now().time_since_epoch().count();
  for (int i = 0; i < count; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(every_ms));
    change.set_event_id(absl::StrCat("manual-", run, "-", i));
    *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
    if (auto status = (*publisher)->Publish(change); !status.ok()) {
      std::cerr << "omnihub-publish-change: " << status.message() << "\n";
      return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
  }
  return 0;
}
