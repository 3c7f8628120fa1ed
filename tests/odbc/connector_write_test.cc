// The odbc connector's writes (Act add-note over mappings/systems/erp.xml): the note and its
// idempotency record commit together, a retry with the same key writes nothing twice, the note is
// in the next Fetch of contacts; requests are checked; injection through every field the
// connector binds stays data. PostgreSQL adds connections lost before and at the commit (a
// trigger ends its own session once) and a server restart between a write and its retry.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "adapters/sdk/testing/conformance.h"
#include "tests/odbc/connector_support.h"

namespace omnihub::odbc {
namespace {

using absl::StatusCode;
using std::chrono::seconds;
using testing::Erp;
using testing::ExecuteOn;
using testing::TestDatabase;

// The fixed wall clock of the adapters under test: 2026-11-29T09:50:00Z.
std::chrono::system_clock::time_point WrittenAt() {
  return std::chrono::system_clock::from_time_t(1795945800);
}

absl::StatusOr<sdk::ActionResponse> ActAndWait(sdk::Adapter& adapter,
                                               const sdk::ActionRequest& request,
                                               std::chrono::milliseconds timeout = seconds(20)) {
  std::promise<absl::StatusOr<sdk::ActionResponse>> promise;
  adapter.Act(request, sdk::CallContext::WithTimeout(timeout),
              [&](absl::StatusOr<sdk::ActionResponse> result) { promise.set_value(result); });
  return promise.get_future().get();
}

sdk::ActionRequest Note(std::string key, std::string text = "Customer called about W1000002") {
  sdk::ActionRequest request;
  request.kind = sdk::ActionRequest::Kind::kAddNote;
  request.account_id = "C0100001";
  request.text = std::move(text);
  request.agent_id = "agent-7";
  request.idempotency_key = std::move(key);
  return request;
}

// A key no earlier call used, in this process or an earlier one (the PostgreSQL database
// outlives a process; --gtest_repeat runs a test again in the same process).
std::string UniqueKey(const std::string& name) {
  static const std::string run =
      std::to_string(::getpid()) + "-" + std::to_string(Clock::now().time_since_epoch().count());
  static std::atomic<int> counter{0};
  return name + "-" + run + "-" + std::to_string(counter++);
}

class OdbcWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::DatabaseConfigured()) GTEST_SKIP() << TestDatabase::skip_reason();
    ASSERT_TRUE(Erp().loaded.ok()) << Erp().loaded;
    OdbcAdapterOptions options;
    options.wall_clock = WrittenAt;
    adapter_ = testing::MakeOdbcAdapter(Erp().database.connection_string(), options);
    ASSERT_NE(adapter_, nullptr);
  }

  // One value of one row, straight from the database (nullopt: no row).
  std::optional<std::string> Scalar(const std::string& sql, std::vector<SqlParam> params = {}) {
    auto connection = testing::LoadedErp::Open(Erp().database.connection_string());
    EXPECT_TRUE(connection.ok()) << connection.status();
    if (!connection.ok()) return std::nullopt;
    auto result = (*connection)->Query(sql, params, testing::ConnectorSoon());
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
    if (!result.ok() || result->rows.empty()) return std::nullopt;
    return result->rows[0][0];
  }
  int64_t ContactRows(const std::string& contact_id) {
    auto count =
        Scalar("SELECT COUNT(*) FROM contacts WHERE contact_id = ?", {SqlParam::Text(contact_id)});
    return count ? std::stoll(*count) : -1;
  }
  int64_t CustomerCount() { return std::stoll(Scalar("SELECT COUNT(*) FROM customers").value()); }

  absl::StatusOr<sdk::SourceData> FetchContacts(const std::string& account = "C0100001") {
    sdk::FetchRequest request;
    request.account_ids = {account};
    request.sections = {v1::SECTION_CONTACTS};
    request.recent_limit = 1000;
    return sdk::testing::FetchAndWait(*adapter_, request,
                                      sdk::CallContext::WithTimeout(seconds(20)));
  }

  std::unique_ptr<OdbcAdapter> adapter_;
};

TEST_F(OdbcWriteTest, DeclaresAddNote) {
  EXPECT_TRUE(adapter_->info().capabilities.Has(sdk::Capability::kAddNote));
}

TEST_F(OdbcWriteTest, NoteIsWrittenOnceAndIsInTheNextFetch) {
  const std::string key = UniqueKey("note-once");
  auto written = ActAndWait(*adapter_, Note(key));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->reference.rfind("NOTE-", 0), 0u) << written->reference;
  EXPECT_NE(written->detail.find("C0100001"), std::string::npos) << written->detail;
  EXPECT_EQ(ContactRows(written->reference), 1);

  // The retry (same key, even with other text) answers the original and writes nothing.
  for (int i = 0; i < 3; ++i) {
    auto again = ActAndWait(*adapter_, Note(key, "a different text"));
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->reference, written->reference);
    EXPECT_EQ(again->detail, written->detail);
  }
  EXPECT_EQ(ContactRows(written->reference), 1);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM omnihub_idempotency WHERE idempotency_key = ?",
                   {SqlParam::Text("erp:add-note:" + key)}),
            "1");

  auto data = FetchContacts();
  ASSERT_TRUE(data.ok()) << data.status();
  const v1::Contact* found = nullptr;
  for (const auto& contact : data->contacts) {
    if (contact.contact_id() == written->reference) found = &contact;
  }
  ASSERT_NE(found, nullptr) << "the note is not in the next fetch";
  EXPECT_EQ(found->summary(), "Customer called about W1000002");
  EXPECT_EQ(found->agent_id(), "agent-7");
  EXPECT_EQ(found->channel(), v1::CONTACT_CHANNEL_PHONE);
  EXPECT_EQ(found->direction(), v1::CONTACT_DIRECTION_INBOUND);
  EXPECT_EQ(found->occurred_at().seconds(), 1795945800);
  EXPECT_EQ(found->source_system(), "erp");
}

TEST_F(OdbcWriteTest, ConcurrentRetriesWithOneKeyWriteOnce) {
  const std::string key = UniqueKey("note-concurrent");
  std::vector<std::future<absl::StatusOr<sdk::ActionResponse>>> calls;
  for (int i = 0; i < 6; ++i) {
    calls.push_back(
        std::async(std::launch::async, [&] { return ActAndWait(*adapter_, Note(key)); }));
  }
  std::string reference;
  for (auto& call : calls) {
    auto result = call.get();
    // SQLite may answer a writer that lost the race for the database lock with an error; it
    // wrote nothing, and its retry answers the original.
    if (!result.ok()) {
      result = ActAndWait(*adapter_, Note(key));
    }
    ASSERT_TRUE(result.ok()) << result.status();
    if (reference.empty()) reference = result->reference;
    EXPECT_EQ(result->reference, reference);
  }
  EXPECT_EQ(ContactRows(reference), 1);
}

TEST_F(OdbcWriteTest, NoteForAnUnknownCustomerIsNotFoundAndWritesNothing) {
  const std::string key = UniqueKey("note-unknown");
  auto request = Note(key);
  request.account_id = "C9999999";
  auto result = ActAndWait(*adapter_, request);
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound) << result.status();
  EXPECT_NE(result.status().message().find("C9999999"), std::string::npos) << result.status();
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM omnihub_idempotency WHERE idempotency_key = ?",
                   {SqlParam::Text("erp:add-note:" + key)}),
            "0");
  // The key stays free for a correct request.
  auto fixed = ActAndWait(*adapter_, Note(key));
  ASSERT_TRUE(fixed.ok()) << fixed.status();
  EXPECT_EQ(ContactRows(fixed->reference), 1);
}

TEST_F(OdbcWriteTest, BadRequestsAreRefusedNamingTheField) {
  struct Case {
    std::string what;
    sdk::ActionRequest request;
  };
  std::vector<Case> cases;
  auto with = [&](std::string what, auto change) {
    auto request = Note(UniqueKey("bad"));
    change(request);
    cases.push_back({std::move(what), std::move(request)});
  };
  with("text", [](auto& r) { r.text = ""; });
  with("text", [](auto& r) { r.text = std::string(4001, 'x'); });
  with("text", [](auto& r) { r.text = "bell\a"; });
  with("text", [](auto& r) { r.text = std::string("nul\0byte", 8); });
  with("text", [](auto& r) { r.text = "\xff\xfe not utf-8"; });
  with("agent", [](auto& r) { r.agent_id = std::string(65, 'a'); });
  with("agent", [](auto& r) { r.agent_id = "agent\n7"; });
  with("idempotency key", [](auto& r) { r.idempotency_key = ""; });
  with("idempotency key", [](auto& r) { r.idempotency_key = std::string(129, 'k'); });
  with("idempotency key", [](auto& r) { r.idempotency_key = "has space"; });
  with("account id", [](auto& r) { r.account_id = ""; });
  with("account id", [](auto& r) { r.account_id = std::string(65, '9'); });
  for (const auto& c : cases) {
    auto result = ActAndWait(*adapter_, c.request);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << c.what << result.status();
    EXPECT_NE(result.status().message().find(c.what), std::string::npos)
        << c.what << ": " << result.status();
  }
  // Multi-line notes and a note without agent are fine.
  auto multiline = Note(UniqueKey("multiline"), "line one\nline two\ttabbed");
  multiline.agent_id.clear();
  auto written = ActAndWait(*adapter_, multiline);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(Scalar("SELECT summary FROM contacts WHERE contact_id = ?",
                   {SqlParam::Text(written->reference)}),
            "line one\nline two\ttabbed");
  EXPECT_EQ(Scalar("SELECT agent_id FROM contacts WHERE contact_id = ?",
                   {SqlParam::Text(written->reference)}),
            std::nullopt);
  // Other actions are not offered.
  auto refund = Note(UniqueKey("refund"));
  refund.kind = sdk::ActionRequest::Kind::kRefund;
  EXPECT_EQ(ActAndWait(*adapter_, refund).status().code(), StatusCode::kUnimplemented);
}

// Injection payloads through every value the connector binds: account ids and the order number
// of a fetch, and the account id, text, agent id and idempotency key of a note. They are data:
// fetches find nothing, notes store them verbatim, no table changes otherwise.
TEST_F(OdbcWriteTest, InjectionThroughEveryBoundFieldIsHarmless) {
  const std::vector<std::string> payloads = {
      "' OR '1'='1",
      "' OR 1=1 --",
      "x'; DROP TABLE customers; --",
      "\"; DELETE FROM contacts; --",
      "C0100001' UNION SELECT customer_id FROM customers --",
      "%",
      "_",
      "1; UPDATE customers SET email = 'pwned'",
      "'||(SELECT email FROM customers LIMIT 1)||'",
      "$$; DROP TABLE contacts; $$",
      "C0100001'--",
      "ʼ OR ʼ1ʼ=ʼ1",
  };
  const int64_t customers = CustomerCount();
  for (const auto& payload : payloads) {
    auto fetched = FetchContacts(payload);
    EXPECT_EQ(fetched.status().code(), StatusCode::kNotFound) << payload << fetched.status();
    sdk::FetchRequest order;
    order.account_ids = {"C0100001"};
    order.sections = {v1::SECTION_ORDERS};
    order.order_number = payload;
    auto orders =
        sdk::testing::FetchAndWait(*adapter_, order, sdk::CallContext::WithTimeout(seconds(20)));
    ASSERT_TRUE(orders.ok()) << payload << orders.status();
    EXPECT_TRUE(orders->orders.empty()) << payload;

    auto unknown = Note(UniqueKey("inject-account"));
    unknown.account_id = payload;
    EXPECT_EQ(ActAndWait(*adapter_, unknown).status().code(), StatusCode::kNotFound) << payload;

    auto note = Note(UniqueKey("inject-" + std::to_string(&payload - payloads.data())), payload);
    note.agent_id = payload.substr(0, 64);
    auto written = ActAndWait(*adapter_, note);
    ASSERT_TRUE(written.ok()) << payload << written.status();
    EXPECT_EQ(Scalar("SELECT summary FROM contacts WHERE contact_id = ?",
                     {SqlParam::Text(written->reference)}),
              payload);
    EXPECT_EQ(Scalar("SELECT agent_id FROM contacts WHERE contact_id = ?",
                     {SqlParam::Text(written->reference)}),
              note.agent_id);
  }
  // Idempotency keys are printable ASCII without spaces: the payloads that fit go through.
  for (std::string key : {"'OR'1'='1'--", "x';DROP/**/TABLE/**/contacts;--", "%_%"}) {
    auto written = ActAndWait(*adapter_, Note(UniqueKey(key)));
    ASSERT_TRUE(written.ok()) << key << written.status();
    EXPECT_EQ(ContactRows(written->reference), 1);
  }
  EXPECT_EQ(CustomerCount(), customers);
  EXPECT_EQ(Scalar("SELECT email FROM customers WHERE customer_id = 'C0100001'"),
            "jane.doe@example.com");
}

#ifdef OMNIHUB_ODBC_TEST_POSTGRES
// PostgreSQL only from here (SQLite has no server session to lose): connections lost in the
// middle of a write, and a restart.
class OdbcWritePostgresTest : public OdbcWriteTest {
 protected:
  // The next note whose text starts with `marker` ends its own session once: in the INSERT
  // (`at_commit` false: before the commit) or in a deferred trigger that runs during COMMIT.
  void KillOnceWhenWriting(const std::string& marker, bool at_commit) {
    const std::string& db = Erp().database.connection_string();
    const std::string name = at_commit ? "odbcw_kill_at_commit" : "odbcw_kill_in_insert";
    ExecuteOn(db, "DROP TRIGGER IF EXISTS " + name + " ON contacts");
    ExecuteOn(db, "DROP SEQUENCE IF EXISTS " + name + "_seq");
    ExecuteOn(db, "CREATE SEQUENCE " + name + "_seq");
    ExecuteOn(db, "CREATE OR REPLACE FUNCTION " + name +
                      "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                      "IF NEW.summary LIKE '" +
                      marker + "%' AND nextval('" + name +
                      "_seq') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); "
                      "PERFORM pg_sleep(5); END IF; RETURN NEW; END $$");
    ExecuteOn(db, std::string(at_commit ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ") + name +
                      " AFTER INSERT ON contacts " +
                      (at_commit ? "DEFERRABLE INITIALLY DEFERRED " : "") +
                      "FOR EACH ROW EXECUTE FUNCTION " + name + "()");
  }

  // Makes the adapter's next write reuse a pooled connection (the pool retries a lost reused
  // connection once on a new one).
  void WarmPool() { ASSERT_TRUE(FetchContacts().ok()); }
};

TEST_F(OdbcWritePostgresTest, ConnectionLostBeforeTheCommitWritesOnce) {
  KillOnceWhenWriting("lost-before-commit", /*at_commit=*/false);
  WarmPool();
  const std::string key = UniqueKey("lost-before-commit");
  auto written = ActAndWait(*adapter_, Note(key, "lost-before-commit: note"));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(ContactRows(written->reference), 1);
  EXPECT_EQ(Scalar("SELECT last_value FROM odbcw_kill_in_insert_seq"), "2");  // two attempts
  auto again = ActAndWait(*adapter_, Note(key, "lost-before-commit: note"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->reference, written->reference);
  EXPECT_EQ(ContactRows(written->reference), 1);
}

TEST_F(OdbcWritePostgresTest, ConnectionLostDuringTheCommitWritesOnce) {
  KillOnceWhenWriting("lost-at-commit", /*at_commit=*/true);
  WarmPool();
  const std::string key = UniqueKey("lost-at-commit");
  auto written = ActAndWait(*adapter_, Note(key, "lost-at-commit: note"));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(ContactRows(written->reference), 1);
  EXPECT_EQ(Scalar("SELECT last_value FROM odbcw_kill_at_commit_seq"), "2");
  auto again = ActAndWait(*adapter_, Note(key, "lost-at-commit: note"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->reference, written->reference);
  EXPECT_EQ(ContactRows(written->reference), 1);
}

// The note committed, then the database restarted before the caller saw the answer: the
// caller's retry with the same key (on a new connection) answers the original.
TEST_F(OdbcWritePostgresTest, RetryAfterARestartAnswersTheOriginal) {
  if (std::getenv("OMNIHUB_TEST_PG_DIR") == nullptr) {
    GTEST_SKIP() << "OMNIHUB_TEST_PG_DIR is not set: the server was not started by "
                    "tools/pg-test-server.sh, so this test cannot restart it";
  }
  const std::string key = UniqueKey("restart");
  auto written = ActAndWait(*adapter_, Note(key));
  ASSERT_TRUE(written.ok()) << written.status();
  std::string restart = std::string(OMNIHUB_SOURCE_DIR) + "/tools/pg-test-server.sh restart";
  ASSERT_EQ(std::system(restart.c_str()), 0) << restart;
  auto again = ActAndWait(*adapter_, Note(key));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->reference, written->reference);
  EXPECT_EQ(ContactRows(written->reference), 1);
  auto next = ActAndWait(*adapter_, Note(UniqueKey("after-restart")));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(ContactRows(next->reference), 1);
}

#endif  // OMNIHUB_ODBC_TEST_POSTGRES

}  // namespace
}  // namespace omnihub::odbc
