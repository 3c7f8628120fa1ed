// SearchCustomers by name through the gRPC API in one process: a Hub on an ephemeral port whose
// fake backends can search their customers. The index's candidates combined with the backends'
// hits, a customer only one backend knows, a failing and a slow backend reported in `sources`
// without failing the search, paging over the combined list.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/core/search_hits.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;
using testing::Hit;
using testing::Id;

class SearchApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "mainframe"}}};
    for (const char* system : {"erp", "mainframe", "slow", "broken"}) {
      config.adapters.push_back({system, "fake", {}, "test"});
    }
    ASSERT_TRUE(registry_
                    .Register("fake",
                              [](const omnihub::sdk::AdapterConfig& adapter,
                                 const omnihub::sdk::AdapterEnvironment& environment)
                                  -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                                return Make(adapter.system, environment);
                              })
                    .ok());
    auto hub = Hub::Create(config, registry_);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = *std::move(hub);
    ASSERT_TRUE(hub_->Start().ok());
    stub_ = omnihub::v1::CustomerService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(hub_->grpc_port()), grpc::InsecureChannelCredentials()));
  }

  // erp: the identity scan (Jane, cross-referenced to her mainframe account); mainframe: a search
  // finding Jane and Albert (whom only the mainframe knows); slow: answers after a minute;
  // broken: its search fails.
  static std::unique_ptr<omnihub::sdk::Adapter> Make(const std::string& system,
                                                     const omnihub::sdk::AdapterEnvironment& env) {
    if (system == "erp") {
      auto erp = std::make_unique<FakeAdapter>(
          env.executor, system,
          omnihub::sdk::Capabilities{Capability::kProfile, Capability::kIdentityScan}, 1ms);
      erp->identities = {
          {"C1",
           {Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com"),
            Id(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "00104217", "mainframe")},
           "Jane Doe",
           "LS1 4AB"}};
      return erp;
    }
    auto searching = std::make_unique<FakeAdapter>(
        env.executor, system, omnihub::sdk::Capabilities{Capability::kProfile, Capability::kSearch},
        system == "slow" ? 60s : 1ms);
    if (system == "mainframe")
      searching->search_hits = {Hit("00104217", "DOE", "JANE"), Hit("00999999", "DOE", "ALBERT")};
    if (system == "broken") searching->search_error = absl::UnavailableError("broken is down");
    return searching;
  }

  omnihub::v1::SearchCustomersResponse Search(int page_size = 0, const std::string& token = "") {
    omnihub::v1::SearchCustomersRequest request;
    request.mutable_name()->set_name("Jane Doe");
    request.mutable_name()->set_postal_code("LS1 4AB");
    request.set_page_size(page_size);
    request.set_page_token(token);
    omnihub::v1::SearchCustomersResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 1s);
    const grpc::Status status = stub_->SearchCustomers(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> stub_;
};

TEST_F(SearchApiTest, CombinesTheIndexWithTheBackendsAndReportsEachSearchingBackend) {
  const auto response = Search();
  std::map<std::string, omnihub::v1::SourceStatus> sources;
  for (const auto& source : response.sources()) sources[source.system()] = source;
  ASSERT_EQ(sources.size(), 3u) << response.DebugString();  // the ERP cannot search
  EXPECT_EQ(sources["mainframe"].state(), omnihub::v1::SOURCE_STATE_OK);
  EXPECT_EQ(sources["slow"].state(), omnihub::v1::SOURCE_STATE_TIMEOUT);
  EXPECT_EQ(sources["broken"].state(), omnihub::v1::SOURCE_STATE_UNAVAILABLE);
  EXPECT_EQ(sources["broken"].detail(), "broken is down");

  ASSERT_EQ(response.matches_size(), 2) << response.DebugString();
  const auto& jane = response.matches(0);
  EXPECT_FALSE(jane.customer().customer_id().empty());
  bool mainframe_evidence = false;
  for (const auto& evidence : jane.evidence()) {
    mainframe_evidence |= evidence.find("mainframe's search found account") != std::string::npos;
  }
  EXPECT_TRUE(mainframe_evidence) << jane.DebugString();
  const auto& albert = response.matches(1);
  EXPECT_TRUE(albert.customer().customer_id().empty()) << albert.DebugString();
  ASSERT_EQ(albert.customer().accounts_size(), 1);
  EXPECT_EQ(albert.customer().accounts(0).system(), "mainframe");
  EXPECT_EQ(albert.customer().accounts(0).account_id(), "00999999");
  EXPECT_EQ(albert.kind(), omnihub::v1::MATCH_KIND_CANDIDATE);
}

TEST_F(SearchApiTest, PagesWalkTheCombinedList) {
  const auto first = Search(1);
  ASSERT_EQ(first.matches_size(), 1);
  ASSERT_FALSE(first.next_page_token().empty());
  const auto second = Search(1, first.next_page_token());
  ASSERT_EQ(second.matches_size(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_FALSE(first.matches(0).customer().customer_id().empty());
  EXPECT_EQ(second.matches(0).customer().accounts(0).account_id(), "00999999");
  EXPECT_EQ(second.sources_size(), 3) << "every page reports the backends it asked";
}

TEST_F(SearchApiTest, AnIdentifierSearchAsksNoBackend) {
  omnihub::v1::SearchCustomersRequest request;
  *request.mutable_identifier() = Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com");
  omnihub::v1::SearchCustomersResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->SearchCustomers(&context, request, &response).ok());
  EXPECT_EQ(response.matches_size(), 1);
  EXPECT_EQ(response.sources_size(), 0);
}

}  // namespace
}  // namespace omnihub::hub
