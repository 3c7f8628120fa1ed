// The tn3270 connector's customer search (mapping `search-customers`) against the in-process
// mainframe simulator: one page, several pages of a bigger world, nothing found, the limit,
// requests refused before the host (characters a 3270 field cannot take, a surname longer than
// the screen's field), and a navigation that lands on an unexpected screen (clear status, the
// session recovered).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "adapters/tn3270/connector/tn3270_adapter.h"
#include "mainframe_adapter.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RunningSim;

using testing::FetchAndWait;
using testing::SearchAndWait;

IoThreads& Io() {
  static auto* io = new IoThreads(2);
  return *io;
}

std::string MappingPath() {
  return std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/mainframe.xml";
}

std::unique_ptr<sdk::Adapter> MakeOrDie(std::uint16_t port,
                                        std::map<std::string, std::string> settings = {}) {
  settings.emplace("pool_size", "1");
  auto adapter = testing::MakeMainframeAdapter(Io().executor(), port, std::move(settings));
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  return adapter.ok() ? *std::move(adapter) : nullptr;
}

RunningSim& Sim() {
  static auto* sim = new RunningSim();
  return *sim;
}

// The accounts of `world` whose name starts with SURNAME (and whose postcode is `postcode`).
std::vector<const world::MainframeAccount*> Expected(const world::World& world,
                                                     const std::string& surname_upper,
                                                     const std::string& postcode = "") {
  std::vector<const world::MainframeAccount*> out;
  for (const auto& account : world.mainframe_accounts) {
    if (account.name_upper.rfind(surname_upper + " ", 0) != 0) continue;
    if (!postcode.empty() && account.postcode != postcode) continue;
    out.push_back(&account);
  }
  return out;
}

sdk::SearchRequest Search(std::string surname, std::string postcode = "", int limit = 100) {
  return {.surname = std::move(surname), .postal_code = std::move(postcode), .limit = limit};
}

TEST(Tn3270Search, FindsTheDemoCustomerOnOnePageMappedAsTheMappingSays) {
  auto adapter = MakeOrDie(Sim().port());
  const auto* jane = testing::SimWorld().mainframe_account(testing::kDemoAccount);
  ASSERT_NE(jane, nullptr);
  auto result =
      SearchAndWait(*adapter, Search("Doe", jane->postcode), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(result.ok()) << result.status();
  const auto expected = Expected(testing::SimWorld(), "DOE", jane->postcode);
  ASSERT_EQ(result->hits.size(), expected.size());
  EXPECT_FALSE(result->truncated);
  const sdk::SearchHit* found = nullptr;
  for (const auto& hit : result->hits) {
    if (hit.identity.account_id == testing::kDemoAccount) found = &hit;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->profile.family_name(), "Doe");  // "DOE JANE" title-cased
  EXPECT_EQ(found->profile.given_name(), "Jane");
  EXPECT_EQ(found->profile.address().postal_code(), jane->postcode);
  EXPECT_EQ(found->profile.address().locality(), jane->address_line3);
  EXPECT_EQ(found->identity.display_name, "Jane Doe");
  EXPECT_EQ(found->identity.postal_code, jane->postcode);
  ASSERT_EQ(found->identity.identifiers.size(), 1u);
  EXPECT_EQ(found->identity.identifiers[0].type(), v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  EXPECT_EQ(found->identity.identifiers[0].system(), "mainframe");
  EXPECT_EQ(found->identity.identifiers[0].value(), testing::kDemoAccount);
}

TEST(Tn3270Search, PagesThroughSeveralScreensOfABiggerWorld) {
  static const world::World big = world::Generate({.seed = 42, .customers = 1000});
  // The most common surname with more than one page (14 rows) and at most the script's 5 pages.
  std::map<std::string, int> counts;
  for (const auto& account : big.mainframe_accounts) {
    ++counts[account.name_upper.substr(0, account.name_upper.find(' '))];
  }
  std::string surname;
  int most = 0;
  for (const auto& [name, count] : counts) {
    if (count > 14 && count <= 70 && count > most) {
      surname = name;
      most = count;
    }
  }
  ASSERT_FALSE(surname.empty()) << "no surname fills two pages in this world";
  RunningSim sim(big, {.host = "127.0.0.1", .port = 0});
  auto adapter = MakeOrDie(sim.port());
  auto result = SearchAndWait(*adapter, Search(surname), sdk::CallContext::WithTimeout(10s));
  ASSERT_TRUE(result.ok()) << result.status();
  const auto expected = Expected(big, surname);
  ASSERT_EQ(result->hits.size(), expected.size()) << surname;
  EXPECT_FALSE(result->truncated);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result->hits[i].identity.account_id, expected[i]->account_number) << i;
    EXPECT_EQ(absl::AsciiStrToUpper(result->hits[i].profile.family_name()), surname) << i;
  }

  // The limit cuts the list and says so.
  auto cut = SearchAndWait(*adapter, Search(surname, "", 3), sdk::CallContext::WithTimeout(10s));
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_EQ(cut->hits.size(), 3u);
  EXPECT_TRUE(cut->truncated);
}

TEST(Tn3270Search, NothingFoundIsAnEmptyAnswer) {
  auto adapter = MakeOrDie(Sim().port());
  auto result = SearchAndWait(*adapter, Search("Nobodyhere"), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->hits.empty());
  // A Latin-1 surname reaches the host and finds nobody.
  auto latin1 = SearchAndWait(*adapter, Search("Müller"), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(latin1.ok()) << latin1.status();
  EXPECT_TRUE(latin1->hits.empty());
}

TEST(Tn3270Search, RefusesWhatA3270FieldCannotTakeNamingTheField) {
  // Against a closed port: a refusal before the host is INVALID_ARGUMENT, a call would be
  // UNAVAILABLE.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const auto closed = acceptor.local_endpoint().port();
  acceptor.close();
  auto adapter = MakeOrDie(closed, {{"connect_timeout_ms", "300"}});
  struct Case {
    sdk::SearchRequest request;
    std::string names;
  };
  const std::vector<Case> cases = {
      {Search("Doe \xE4\xB8\xAD"), "surname holds U+4E2D"},              // CJK
      {Search("Doe\xC2\x85"), "surname holds U+0085"},                   // C1 control (NEL)
      {Search("Doe", "SW1A \xE2\x82\xAC"), "postal_code holds U+20AC"},  // euro sign
      {Search("Doe\x1b[2J"), "surname holds a control character"},
      {Search(std::string(65, 'D')), "surname has 65 characters"},
      {Search("Doe", "", 0), "limit"},
  };
  for (const auto& c : cases) {
    auto result = SearchAndWait(*adapter, c.request, sdk::CallContext::WithTimeout(5s));
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
    EXPECT_NE(result.status().message().find(c.names), std::string::npos) << result.status();
  }
}

TEST(Tn3270Search, ASurnameLongerThanTheScreensFieldIsInvalidAndTheSessionRecovers) {
  auto adapter = MakeOrDie(Sim().port());
  auto result =
      SearchAndWait(*adapter, Search(std::string(21, 'D')), sdk::CallContext::WithTimeout(5s));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  EXPECT_NE(result.status().message().find("SURNAME"), std::string::npos) << result.status();
  auto next = SearchAndWait(*adapter, Search("Doe"), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_FALSE(next->hits.empty());
}

TEST(Tn3270Search, AnUnexpectedScreenIsAClearStatusAndTheSessionRecovers) {
  // A mapping whose search picks the wrong menu option lands on the notes screen.
  std::ifstream in(MappingPath());
  std::stringstream text;
  text << in.rdbuf();
  std::string mapping = text.str();
  const std::string search_option = "<type label=\"OPTION\" value=\"2\"/>";
  const auto at = mapping.find(search_option);
  ASSERT_NE(at, std::string::npos);
  mapping.replace(at, search_option.size(), "<type label=\"OPTION\" value=\"3\"/>");
  const auto path = std::filesystem::temp_directory_path() /
                    ("tn3270_search_test_" + std::to_string(::getpid()) + ".xml");
  std::ofstream(path) << mapping;
  auto adapter = MakeOrDie(Sim().port(), {{"mapping", path.string()}});
  std::filesystem::remove(path);
  ASSERT_NE(adapter, nullptr);

  auto result = SearchAndWait(*adapter, Search("Doe"), sdk::CallContext::WithTimeout(5s));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition) << result.status();
  EXPECT_NE(result.status().message().find("expected screen 'search'"), std::string::npos)
      << result.status();
  EXPECT_NE(result.status().message().find("OMNN001"), std::string::npos) << result.status();

  // The one session went back to the menu: an inquiry on it works.
  sdk::FetchRequest request;
  request.account_ids = {testing::kDemoAccount};
  request.sections = {v1::SECTION_PROFILE};
  auto data = FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->profile->family_name(), "Doe");
}

}  // namespace
}  // namespace omnihub::tn3270
