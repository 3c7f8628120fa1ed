// hubctl events watch: prints the hub's change events as they happen (EventService.WatchEvents).
#include <grpcpp/client_context.h>

#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "omnihub/v1/event.grpc.pb.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/format.h"
#include "tools/hubctl/json_output.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

// "shipment-delayed" -> EVENT_TYPE_SHIPMENT_DELAYED; UsageError naming the known types otherwise.
v1::EventType ParseEventType(const std::string& text) {
  const std::string name =
      "EVENT_TYPE_" + absl::AsciiStrToUpper(absl::StrReplaceAll(text, {{"-", "_"}}));
  v1::EventType type{};
  if (!v1::EventType_Parse(name, &type) || type == v1::EVENT_TYPE_UNSPECIFIED ||
      type == v1::EVENT_TYPE_EVENTS_DROPPED) {
    std::string known;
    for (int i = v1::EventType_MIN + 1; i <= v1::EventType_MAX; ++i) {
      if (!v1::EventType_IsValid(i) || i == v1::EVENT_TYPE_EVENTS_DROPPED) continue;
      known += (known.empty() ? "" : ", ") +
               absl::AsciiStrToLower(absl::StrReplaceAll(
                   EnumLabel(v1::EventType_Name(static_cast<v1::EventType>(i)), "EVENT_TYPE_"),
                   {{" ", "-"}}));
    }
    throw UsageError("unknown event type '" + text + "' (known: " + known + ")");
  }
  return type;
}

void PrintEvent(std::ostream& out, const v1::Event& event) {
  out << FormatTimestamp(event.occurred_at()) << "  "
      << EnumLabel(v1::EventType_Name(event.type()), "EVENT_TYPE_") << "  "
      << OrDash(event.customer_id()) << "  " << OrDash(event.source_system()) << "  "
      << OrDash(event.subject());
  if (!event.detail().empty()) out << "  " << event.detail();
  out << std::endl;
}

int WatchEvents(const po::variables_map& flags, HubConnection& hub) {
  v1::WatchEventsRequest request;
  if (auto ref = OptionalCustomerRef(flags)) *request.mutable_customer() = *ref;
  if (flags.count("type")) {
    for (const auto& type : flags["type"].as<std::vector<std::string>>()) {
      request.add_types(ParseEventType(type));
    }
  }
  const long limit = flags.count("count") ? flags["count"].as<long>() : 0;
  if (limit < 0) throw UsageError("--count must not be negative");

  // A watch has no deadline: it runs until --count events, Ctrl-C or the hub ends it.
  grpc::ClientContext context;
  auto reader = v1::EventService::NewStub(hub.channel())->WatchEvents(&context, request);
  long seen = 0;
  v1::Event event;
  while ((limit == 0 || seen < limit) && reader->Read(&event)) {
    ++seen;
    if (hub.options().json) {
      if (!PrintJson(event)) return kExitOtherError;
    } else {
      PrintEvent(std::cout, event);
    }
  }
  if (limit != 0 && seen >= limit) {
    context.TryCancel();
    return kExitOk;
  }
  const grpc::Status status = reader->Finish();
  return status.ok() ? kExitOk : hub.ReportFailure(status, "");
}

}  // namespace

void AddEventCommands(std::vector<Command>& commands) {
  commands.push_back({"events", "watch",
                      std::string("[") + CustomerRefSynopsis() + "] [--type T]... [--count N]",
                      "print change events as they happen (all customers unless one is named)",
                      [](po::options_description& options, po::positional_options_description&) {
                        AddCustomerRefOptions(options);
                        options.add_options()("type", po::value<std::vector<std::string>>(),
                                              "only this type, e.g. shipment-delayed (repeatable)")(
                            "count", po::value<long>(), "stop after N events");
                      },
                      WatchEvents});
}

}  // namespace omnihub::hubctl
