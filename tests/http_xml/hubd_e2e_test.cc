// hubd with the payment system on the http-xml connector, against a real payment-sim process
// (both on ephemeral ports; label e2e): the identity scan at start-up links Jane Doe's shopper
// account through its web-shop cross-reference, her Customer 360 shows her payments with refunds
// and fraud decisions from the payment source, and a stopped simulator leaves the rest of a view
// intact with payment UNAVAILABLE.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/core/child_process.h"
#include "tests/support/hubd_config.h"
#include "tests/support/ready_file.h"
#include "tools/simulators/world/world.h"

namespace omnihub::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

v1::Customer360 Customer360(grpc::Channel& channel, const std::string& email,
                            grpc::Status& status) {
  auto stub =
      v1::CustomerService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  v1::GetCustomer360Request request;
  request.mutable_customer()->mutable_identifier()->set_type(v1::IDENTIFIER_TYPE_EMAIL);
  request.mutable_customer()->mutable_identifier()->set_value(email);
  v1::Customer360 view;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  status = stub->GetCustomer360(&context, request, &view);
  return view;
}

const v1::SourceStatus* Source(const v1::Customer360& view, const std::string& system) {
  for (const auto& source : view.sources()) {
    if (source.system() == system) return &source;
  }
  return nullptr;
}

// The e-mail of a web customer other than Jane who has payments.
std::string AnotherPayingCustomer() {
  const world::World w = world::Generate({.seed = 42, .customers = 1000});
  for (const auto& payment : w.payments) {
    if (payment.shopper_reference == "6108000123") continue;
    for (const auto& customer : w.ecom_customers) {
      if (customer.id == payment.shopper_reference) return customer.email;
    }
  }
  return "";
}

TEST(HubdHttpXmlE2eTest, PaymentsThroughTheSimulatorAndWithoutIt) {
  const fs::path dir =
      fs::temp_directory_path() / ("omnihub-http-xml-e2e-" + std::to_string(getpid()));
  fs::create_directories(dir);
  ::setenv("OMNIHUB_PAYMENT_API_KEY", "e2e-merchant-key", 1);  // inherited by both processes
  auto sim = std::make_unique<ChildProcess>(
      std::vector<std::string>{OMNIHUB_PAYMENT_SIM_PATH, "--listen", "127.0.0.1:0", "--api-key-env",
                               "OMNIHUB_PAYMENT_API_KEY", "--ready-file",
                               (dir / "sim.ready").string()},
      (dir / "sim.log").string());
  auto sim_ready = WaitForReadyFile(dir / "sim.ready", *sim, 1);
  ASSERT_EQ(sim_ready.count("payment"), 1u) << sim->Log();

  const std::string config =
      ConfigWithConnector("payment", "http-xml", "http://" + sim_ready["payment"]);
  ASSERT_FALSE(config.empty()) << "config/hubd.xml has no reference payment adapter";
  std::ofstream(dir / "hubd.xml") << config;
  ChildProcess hubd(
      {OMNIHUB_HUBD_PATH, "--config", (dir / "hubd.xml").string(), "--grpc-listen", "127.0.0.1:0",
       "--admin-listen", "127.0.0.1:0", "--ready-file", (dir / "hubd.ready").string(),
       "--store-file", (dir / "hub-store.db").string()},
      (dir / "hubd.log").string());
  auto ready = WaitForReadyFile(dir / "hubd.ready", hubd, 2);
  ASSERT_EQ(ready.count("grpc"), 1u) << hubd.Log();
  EXPECT_NE(hubd.Log().find("identity scan: payment: 508 accounts"), std::string::npos)
      << hubd.Log();
  auto channel = grpc::CreateChannel(ready["grpc"], grpc::InsecureChannelCredentials());

  grpc::Status status;
  auto jane = Customer360(*channel, "jane.doe@example.com", status);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd.Log();
  for (const auto& source : jane.sources()) {
    EXPECT_EQ(source.state(), v1::SOURCE_STATE_OK) << source.system() << ": " << source.detail();
  }
  ASSERT_NE(Source(jane, "payment"), nullptr);
  std::map<std::string, v1::Payment> by_order;
  for (const auto& payment : jane.payments().recent_payments()) {
    EXPECT_EQ(payment.source_system(), "payment");
    by_order[payment.order_number()] = payment;
  }
  ASSERT_EQ(by_order.count("W1000002"), 1u) << jane.payments().DebugString();
  EXPECT_EQ(by_order["W1000002"].fraud().decision(), v1::FRAUD_DECISION_REVIEW);
  ASSERT_EQ(by_order.count("W1000003"), 1u);
  EXPECT_EQ(by_order["W1000003"].state(), v1::PAYMENT_STATE_PARTIALLY_REFUNDED);
  EXPECT_GT(by_order["W1000003"].refunded().amount_minor(), 0);

  EXPECT_EQ(sim->Stop(), 0) << sim->Log();
  // Someone else (Jane's view may be served from the cache): payment down, the rest intact.
  const std::string email = AnotherPayingCustomer();
  ASSERT_FALSE(email.empty());
  auto other = Customer360(*channel, email, status);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd.Log();
  const auto* payment = Source(other, "payment");
  ASSERT_NE(payment, nullptr) << other.DebugString();
  EXPECT_EQ(payment->state(), v1::SOURCE_STATE_UNAVAILABLE) << payment->detail();
  for (const auto& source : other.sources()) {
    if (source.system() == "payment") continue;
    EXPECT_EQ(source.state(), v1::SOURCE_STATE_OK) << source.system() << ": " << source.detail();
  }
  EXPECT_EQ(hubd.Stop(), 0) << hubd.Log();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace omnihub::testing
