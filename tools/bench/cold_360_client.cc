// cold_360_client: what a cold GetCustomer360 costs over the slowest backend. Against a running
// hub whose cache is off (every call asks every system), it calls GetCustomer360 for one customer
// N times, one call at a time, and compares each call's latency as the client sees it with the
// latency of the slowest source the hub reports in the same answer (Customer360.sources[].latency,
// measured by the hub around each backend call). Prints p50/p99 of both and of the difference.
//
//   cold_360_client --hub 127.0.0.1:50051 --email jane.doe@example.com --calls 200
//
// tools/bench/cold_landscape.sh starts the simulators and such a hub and runs it.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "omnihub/v1/customer.grpc.pb.h"

namespace {

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string hub, email;
  int calls = 200, warmup = 10;
  po::options_description options("cold_360_client options");
  options.add_options()("help", "show this help")(
      "hub", po::value(&hub)->default_value("127.0.0.1:50051"), "the hub's gRPC address")(
      "email", po::value(&email)->default_value("jane.doe@example.com"), "the customer")(
      "calls", po::value(&calls)->default_value(200), "measured calls (1..100000)")(
      "warmup", po::value(&warmup)->default_value(10), "calls first, not measured (0..1000)");
  po::variables_map values;
  try {
    po::store(po::parse_command_line(argc, argv, options), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "cold_360_client: " << error.what() << "\n" << options;
    return 2;
  }
  if (values.count("help")) {
    std::cout << options;
    return 0;
  }
  if (calls < 1 || calls > 100000 || warmup < 0 || warmup > 1000) {
    std::cerr << "cold_360_client: --calls must be in 1..100000 and --warmup in 0..1000\n";
    return 2;
  }

  auto stub = omnihub::v1::CustomerService::NewStub(
      grpc::CreateChannel(hub, grpc::InsecureChannelCredentials()));
  omnihub::v1::GetCustomer360Request request;
  request.mutable_customer()->mutable_identifier()->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  request.mutable_customer()->mutable_identifier()->set_value(email);

  std::vector<double> total_ms, slowest_ms, over_ms;
  std::map<std::string, std::vector<double>> by_system;
  std::map<std::string, int> not_ok;
  for (int i = 0; i < warmup + calls; ++i) {
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    const auto started = std::chrono::steady_clock::now();
    const grpc::Status status = stub->GetCustomer360(&context, request, &view);
    const double elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (!status.ok()) {
      std::cerr << "cold_360_client: GetCustomer360 failed: " << status.error_message() << "\n";
      return 1;
    }
    if (i < warmup) continue;
    double slowest = 0;
    for (const auto& source : view.sources()) {
      if (source.state() != omnihub::v1::SOURCE_STATE_OK) ++not_ok[source.system()];
      if (!source.has_latency()) {
        std::cerr << "cold_360_client: " << source.system()
                  << " reports no latency: is the hub's cache off (<cache enabled=\"false\"/>)?\n";
        return 1;
      }
      const double ms =
          static_cast<double>(
              google::protobuf::util::TimeUtil::DurationToMicroseconds(source.latency())) /
          1000.0;
      by_system[source.system()].push_back(ms);
      slowest = std::max(slowest, ms);
    }
    total_ms.push_back(elapsed);
    slowest_ms.push_back(slowest);
    over_ms.push_back(elapsed - slowest);
  }

  std::printf("%d cold GetCustomer360 calls for %s, one at a time\n", calls, email.c_str());
  for (const auto& [system, samples] : by_system) {
    std::printf("  %-10s p50 %7.2f ms  p99 %7.2f ms%s\n", system.c_str(), Percentile(samples, 0.5),
                Percentile(samples, 0.99),
                not_ok[system] ? (" (" + std::to_string(not_ok[system]) + " not OK)").c_str() : "");
  }
  std::printf("  slowest source per call   p50 %7.2f ms  p99 %7.2f ms\n",
              Percentile(slowest_ms, 0.5), Percentile(slowest_ms, 0.99));
  std::printf("  whole call at the client  p50 %7.2f ms  p99 %7.2f ms\n", Percentile(total_ms, 0.5),
              Percentile(total_ms, 0.99));
  std::printf("  call minus slowest source p50 %7.2f ms  p99 %7.2f ms\n", Percentile(over_ms, 0.5),
              Percentile(over_ms, 0.99));
  return 0;
}
