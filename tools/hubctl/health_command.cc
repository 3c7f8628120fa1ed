// hubctl health: grpc.health.v1.Health/Check through gRPC's generic stub. The repository has no
// generated health stubs outside the tests, and the two messages are one field each, so they are
// encoded and decoded here by hand.
#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <vector>

#include "tools/hubctl/command.h"
#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

constexpr char kCheckMethod[] = "/grpc.health.v1.Health/Check";

// HealthCheckRequest { string service = 1; }: tag 0x0A, length, bytes. Empty means the server.
std::string EncodeCheckRequest(const std::string& service) {
  std::string bytes;
  if (service.empty()) return bytes;
  bytes.push_back('\x0A');
  for (size_t length = service.size();; length >>= 7) {
    const auto low = static_cast<unsigned char>(length & 0x7F);
    if (length < 0x80) {
      bytes.push_back(static_cast<char>(low));
      break;
    }
    bytes.push_back(static_cast<char>(low | 0x80));
  }
  return bytes + service;
}

// HealthCheckResponse { ServingStatus status = 1; } -> the enum's name.
std::string DecodeServingStatus(const std::string& bytes) {
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromString(bytes)) return "UNPARSABLE";
  int64_t status = 0;
  for (int i = 0; i < fields.field_count(); ++i) {
    const auto& field = fields.field(i);
    if (field.number() == 1 && field.type() == google::protobuf::UnknownField::TYPE_VARINT) {
      status = static_cast<int64_t>(field.varint());
    }
  }
  switch (status) {
    case 1:
      return "SERVING";
    case 2:
      return "NOT_SERVING";
    case 3:
      return "SERVICE_UNKNOWN";
    default:
      return "UNKNOWN";
  }
}

grpc::Status Check(HubConnection& hub, const std::string& service, std::string& reply) {
  grpc::GenericStub stub(hub.channel());
  grpc::ClientContext context;
  hub.Prepare(context);
  const std::string request_bytes = EncodeCheckRequest(service);
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;

  std::mutex mutex;
  std::condition_variable done_changed;
  bool done = false;
  grpc::Status result;
  stub.UnaryCall(&context, kCheckMethod, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   std::lock_guard lock(mutex);
                   result = std::move(status);
                   done = true;
                   done_changed.notify_one();
                 });
  std::unique_lock lock(mutex);
  done_changed.wait(lock, [&] { return done; });
  if (!result.ok()) return result;

  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return {grpc::StatusCode::INTERNAL, "unreadable response"};
  for (const auto& piece : slices) {
    reply.append(reinterpret_cast<const char*>(piece.begin()), piece.size());
  }
  return result;
}

int Health(const po::variables_map& flags, HubConnection& hub) {
  const std::string service = flags.count("service") ? flags["service"].as<std::string>() : "";
  std::string reply;
  const auto status = Check(hub, service, reply);
  if (!status.ok()) {
    return hub.ReportFailure(status, "the hub does not know the service " + service);
  }
  const std::string serving = DecodeServingStatus(reply);
  if (hub.options().json) {
    std::cout << "{\n  \"status\": \"" << serving << "\"\n}\n";
  } else {
    std::cout << (service.empty() ? "hub" : service) << " at " << hub.options().hub << ": "
              << serving << "\n";
  }
  return serving == "SERVING" ? kExitOk : kExitOtherError;
}

}  // namespace

void AddHealthCommand(std::vector<Command>& commands) {
  commands.push_back({"health", "", "[--service NAME]",
                      "grpc.health.v1 Check: SERVING exits 0, anything else 1",
                      [](po::options_description& options, po::positional_options_description&) {
                        options.add_options()("service", po::value<std::string>(),
                                              "a service's full name (default: the whole hub)");
                      },
                      Health});
}

}  // namespace omnihub::hubctl
