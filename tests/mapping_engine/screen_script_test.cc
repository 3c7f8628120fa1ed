// The tn3270 side of the mapping compiler: screens, error screens, sign-on and navigation scripts
// compiled to plain data (0-based positions), the diagnostics for bad scripts, and screen reads
// mapped through MapTable with mappings/systems/mainframe.xml.
#include <gtest/gtest.h>

#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/table_mapper.h"

namespace omnihub::mapping::engine {
namespace {

using Row = std::vector<std::optional<std::string>>;

std::shared_ptr<const CompiledSystem> Mainframe() {
  static const std::shared_ptr<const CompiledSystem> system = [] {
    CompileResult r =
        CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/mainframe.xml");
    EXPECT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
    return r.system;
  }();
  return system;
}

constexpr char kHead[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="mf" connector="tn3270">
  <settings>
    <endpoint url="tn3270://127.0.0.1:3270"/>
    <credential name="user" env="U"/>
    <credential name="password" env="P"/>
  </settings>
  <screens>
    <screen name="menu"><marker row="1" col="2" text="OMNM001"/></screen>
    <screen name="inquiry"><marker row="1" col="2" text="OMNI001"/></screen>
  </screens>
  <sign-on home-screen="menu">
    <type label="USERID" value="{user}"/>
    <press key="ENTER"/>
  </sign-on>
)";

CompileResult Compile(const std::string& operations) {
  return CompileMapping(std::string(kHead) + operations + "</system>\n", "mf.xml");
}

std::string All(const CompileResult& r) { return FormatDiagnostics(r.diagnostics); }

TEST(ScreenScript, CompilesTheMainframeMappingToZeroBasedSteps) {
  ASSERT_NE(Mainframe(), nullptr);
  const CompiledSystem& mf = *Mainframe();
  EXPECT_EQ(mf.connector, "tn3270");
  EXPECT_EQ(mf.settings.endpoint, "tn3270://127.0.0.1:3270");
  EXPECT_EQ(mf.screens.home_screen, "menu");
  EXPECT_EQ(mf.screens.home_key, "PF12");
  const ScreenDef* inquiry = mf.screens.FindScreen("inquiry");
  ASSERT_NE(inquiry, nullptr);
  ASSERT_EQ(inquiry->markers.size(), 1u);
  EXPECT_EQ(inquiry->markers[0].row, 0);  // row="1" col="2" in the file
  EXPECT_EQ(inquiry->markers[0].col, 1);
  EXPECT_EQ(inquiry->markers[0].text, "OMNI001");
  ASSERT_GE(mf.screens.error_screens.size(), 3u);
  EXPECT_EQ(mf.screens.error_screens[0].code, absl::StatusCode::kUnavailable);
  EXPECT_FALSE(mf.screens.error_screens[0].markers[0].row.has_value());
  // "SESSION IN USE": the user id is signed on elsewhere; another attempt later may succeed.
  EXPECT_EQ(mf.screens.error_screens[1].code, absl::StatusCode::kUnavailable);
  ASSERT_EQ(mf.screens.sign_on.size(), 5u);
  const auto& user = std::get<TypeStep>(mf.screens.sign_on[1].step);
  EXPECT_EQ(user.label, "USERID");
  EXPECT_EQ(*user.value.Render({{"user", "CSR0001"}}), "CSR0001");

  const CompiledOperation& get = *mf.FindOperation("get-customer");
  EXPECT_EQ(get.script.columns.front(), "account");
  const auto& type = std::get<TypeStep>(get.script.steps[2].step);
  EXPECT_EQ(*type.value.Render({{"account_id", "00104217"}}), "00104217");
  EXPECT_EQ(type.value.Render({}).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::get<PressStep>(get.script.steps[3].step).key, "ENTER");
  const auto& read = std::get<ReadStep>(get.script.steps[5].step);
  EXPECT_EQ(read.name, "account");
  EXPECT_EQ(read.row, 2);
  EXPECT_EQ(read.col, 21);
  EXPECT_EQ(read.length, 8);

  const CompiledOperation& notes = *mf.FindOperation("list-contacts");
  const auto& page = std::get<PageStep>(notes.script.steps.back().step);
  EXPECT_EQ(page.key, "PF8");
  EXPECT_EQ(page.max_pages, 10);
  EXPECT_EQ(page.until.row, 20);
  EXPECT_EQ(page.until.text, "END OF LIST");
  const auto& list = std::get<ReadListStep>(page.body.at(0).step);
  EXPECT_EQ(list.first_row, 5);
  EXPECT_EQ(list.last_row, 18);
  EXPECT_EQ(list.lines_per_item, 2);
  EXPECT_EQ(list.columns[3].name, "text");
  EXPECT_EQ(list.columns[3].line, 1);
  EXPECT_EQ(notes.script.columns,
            (std::vector<std::string>{"account", "date", "time", "operator", "text"}));

  const CompiledOperation& add = *mf.FindOperation("add-note");
  EXPECT_FALSE(add.has_response);
  const auto& wait = std::get<WaitForStep>(add.script.steps.back().step);
  EXPECT_EQ(wait.timeout_ms, 3000);
  EXPECT_EQ(wait.marker.text, "OMN0201I");
  EXPECT_NE(mf.FindOperation("search-customers"), nullptr);
  EXPECT_NE(mf.FindOperation("get-loyalty"), nullptr);
}

TEST(ScreenScript, KeyNames) {
  for (const char* good : {"ENTER", "CLEAR", "PF1", "PF12", "PF24", "PA1", "PA3"}) {
    EXPECT_TRUE(IsAidName(good)) << good;
  }
  for (const char* bad : {"", "PF", "PF0", "PF25", "PA4", "PF01", "PF+1", "enter", "F8", "PF123"}) {
    EXPECT_FALSE(IsAidName(bad)) << bad;
  }
}

TEST(ScreenScript, ExplainsEachMistakeInABadScript) {
  const CompileResult r = Compile(R"(  <operation name="get-customer">
    <request>
      <script>
        <expect-screen name="inqiury"/>
        <type label="ACCOUNT" row="3" col="22" value="{account_id}"/>
        <type value="{acount_id}" row="3" col="22"/>
        <press key="PF25"/>
        <read name="name" row="5" col="70" length="70"/>
        <read name="name" row="6" col="19" length="30"/>
        <read name="2name" row="6" col="19" length="30"/>
        <wait-for row="3" text="X"/>
        <read-list first-row="6" last-row="18" lines-per-item="2">
          <column name="a" col="1" length="1"/>
        </read-list>
      </script>
    </request>
    <response>
      <field target="customer.given_name" source="nmae"/>
    </response>
  </operation>
)");
  const std::string all = All(r);
  EXPECT_NE(all.find("mf.xml:18:9: unknown screen 'inqiury' — did you mean 'inquiry'?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:19:9: a <type> needs exactly one of label=\"protected text\" or "
                     "row=\"...\" col=\"...\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:20:9: the value to type: unknown placeholder {acount_id} — did you "
                     "mean {account_id}?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:21:9: unknown key 'PF25': a script presses ENTER, CLEAR, PF1 to PF24 "
                     "or PA1 to PA3"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:22:9: 'name' at row 5, col 70, length 70 runs off every 3270 screen"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:24:9: '2name' is not a column name"), std::string::npos) << all;
  EXPECT_NE(all.find("mf.xml:25:9: give both row=\"...\" and col=\"...\" (1-based), or neither"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:26:9: the list area rows 6 to 18 (13 rows) is not a whole number of "
                     "2-row items"),
            std::string::npos)
      << all;
}

TEST(ScreenScript, ReadTwiceAndSourcesTheScriptDoesNotRead) {
  const CompileResult twice = Compile(R"(  <operation name="get-customer">
    <request><script>
      <read name="name" row="5" col="19" length="30"/>
      <read name="Name" row="6" col="19" length="30"/>
    </script></request>
    <response><field target="customer.given_name" source="name"/></response>
  </operation>
)");
  EXPECT_NE(All(twice).find("mf.xml:18:7: 'Name' is read twice in this script"), std::string::npos)
      << All(twice);

  const CompileResult unread = Compile(R"(  <operation name="get-customer">
    <request><script>
      <read name="name" row="5" col="19" length="30"/>
      <read name="postcode" row="9" col="19" length="8"/>
    </script></request>
    <response>
      <field target="customer.given_name" source="nme"/>
      <field target="customer.family_name" source="surname"/>
      <repeated target="customer.identifiers" statement="x" key="y">
        <field target="value" source="name"/>
      </repeated>
    </response>
  </operation>
)");
  const std::string all = All(unread);
  EXPECT_NE(all.find("mf.xml:21:7: 'nme' is not read by the operation's script — did you mean "
                     "'name'?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:22:7: 'surname' is not read by the operation's script; it reads: "
                     "name, postcode"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:23:7: a <repeated> is not supported for tn3270"), std::string::npos)
      << all;
}

TEST(ScreenScript, PageNeedsAListAndScreensMustBeDeclared) {
  const CompileResult r = Compile(R"(  <operation name="list-contacts">
    <request><script>
      <page key="PF8">
        <until text="END OF LIST"/>
        <press key="ENTER"/>
      </page>
    </script></request>
    <response><field target="contact.summary" value="x"/></response>
  </operation>
  <operation name="get-loyalty">
    <request method="GET" path="/x"/>
    <response><field target="loyalty.tier" value="x"/></response>
  </operation>
  <operation name="get-order">
    <request><script><press key="enter"/></script></request>
  </operation>
)");
  const std::string all = All(r);
  EXPECT_NE(all.find("mf.xml:17:7: this <page> has no <read-list>"), std::string::npos) << all;
  EXPECT_NE(all.find("mf.xml:25:5: a tn3270 request is a <script> of steps"), std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:28:3: operation 'get-order' needs a <response>"), std::string::npos)
      << all;
}

TEST(ScreenScript, CatalogMistakes) {
  const CompileResult r = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="mf" connector="tn3270">
  <settings><endpoint url="tn3270://ops:secret@host:23"/></settings>
  <screens>
    <screen name="menu"><marker row="1" text="OMNM001"/></screen>
    <screen name="menu"><marker text=""/></screen>
  </screens>
  <sign-on home-screen="main" home-key="PF99">
    <type label="USERID" value="{user}"/>
  </sign-on>
  <operation name="add-note"><request><script><press key="ENTER"/></script></request></operation>
</system>
)",
      "mf.xml");
  const std::string all = All(r);
  EXPECT_NE(all.find("mf.xml:2:13: the endpoint url contains a user name or password"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("mf.xml:4:25: give both row"), std::string::npos) << all;
  EXPECT_NE(all.find("mf.xml:5:5: screen 'menu' is declared twice"), std::string::npos) << all;
  EXPECT_NE(all.find("mf.xml:5:25: a marker's text=\"...\" must not be empty"), std::string::npos)
      << all;

  const CompileResult sign_on = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="mf" connector="tn3270">
  <settings><endpoint url="tn3270s://host:992"/><credential name="user" env="U"/></settings>
  <screens><screen name="menu"><marker text="OMNM001"/></screen></screens>
  <sign-on home-screen="main" home-key="PF99">
    <type label="USERID" value="{usr}"/>
  </sign-on>
  <operation name="add-note"><request><script><press key="ENTER"/></script></request></operation>
</system>
)",
      "mf.xml");
  const std::string all2 = All(sign_on);
  EXPECT_NE(all2.find("mf.xml:5:5: the value to type: unknown placeholder {usr} — did you mean "
                      "{user}?"),
            std::string::npos)
      << all2;
  EXPECT_NE(all2.find("mf.xml:4:3: the home screen 'main' is not declared in <screens>"),
            std::string::npos)
      << all2;
  EXPECT_NE(all2.find("mf.xml:4:3: unknown home-key 'PF99'"), std::string::npos) << all2;

  const CompileResult missing = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="mf" connector="tn3270">
  <settings><endpoint url="http://host"/></settings>
  <operation name="add-note"><request><script><press key="ENTER"/></script></request></operation>
</system>
)",
      "mf.xml");
  EXPECT_NE(All(missing).find("must be tn3270://host:port"), std::string::npos) << All(missing);
  EXPECT_NE(All(missing).find("mf.xml:1:1: a tn3270 system declares its <screens>"),
            std::string::npos)
      << All(missing);
}

// What the connector's executor hands MapTable after running a script: the reads as text,
// exactly as on the screen (fixed width, blanks included).
TEST(ScreenScript, MapsInquiryReads) {
  TableSet t;
  t.main.columns = Mainframe()->FindOperation("get-customer")->script.columns;
  t.main.rows = {Row{"00104217", "DOE JANE                      ", "1 HIGH STREET                 ",
                     "                              ", "LEEDS                         ", "LS1 4AB ",
                     "19152", "7002000000000003"}};
  absl::StatusOr<omnihub::v1::Customer> c =
      MapTableCustomer(*Mainframe()->FindOperation("get-customer"), t);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->family_name(), "Doe");
  EXPECT_EQ(c->given_name(), "Jane");
  EXPECT_EQ(c->address().locality(), "LEEDS");
  EXPECT_EQ(c->address().postal_code(), "LS1 4AB");
  EXPECT_EQ(c->customer_since().seconds(), 1559343600);  // 2019-06-01 00:00 BST
  ASSERT_EQ(c->identifiers_size(), 1);
  EXPECT_EQ(c->identifiers(0).value(), "00104217");
  EXPECT_EQ(c->identifiers(0).system(), "mainframe");
}

TEST(ScreenScript, MapsNotesAndStoreCard) {
  TableSet notes;
  notes.main.columns = Mainframe()->FindOperation("list-contacts")->script.columns;
  notes.main.rows = {Row{"00104217", "20240115", "093000", "CSR0042 ",
                         "CUSTOMER ASKED ABOUT LATE DELIVERY" + std::string(36, ' ')}};
  absl::StatusOr<std::vector<omnihub::v1::Contact>> contacts =
      MapTableContacts(*Mainframe()->FindOperation("list-contacts"), notes);
  ASSERT_TRUE(contacts.ok()) << contacts.status();
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ((*contacts)[0].contact_id(), "00104217-20240115-093000");
  EXPECT_EQ((*contacts)[0].occurred_at().seconds(), 1705311000);  // 09:30 GMT
  EXPECT_EQ((*contacts)[0].agent_id(), "CSR0042");
  EXPECT_EQ((*contacts)[0].summary(), "CUSTOMER ASKED ABOUT LATE DELIVERY");
  EXPECT_EQ((*contacts)[0].channel(), omnihub::v1::CONTACT_CHANNEL_PHONE);

  const CompiledOperation& card = *Mainframe()->FindOperation("get-loyalty");
  TableSet t;
  t.main.columns = card.script.columns;
  t.main.rows = {Row{"7002000000000003", "000012345 CR", "000150000", "B"}};
  omnihub::v1::LoyaltySummary loyalty;
  ASSERT_TRUE(MapTableRecord(card, t, loyalty).ok());
  EXPECT_EQ(loyalty.store_card().balance().amount_minor(), -12345);
  EXPECT_EQ(loyalty.store_card().credit_limit().amount_minor(), 150000);
  EXPECT_EQ(loyalty.store_card().status(), "BLOCKED");
  t.main.rows = {Row{"7002000000000003", "000012345   ", "000150000", "A"}};
  ASSERT_TRUE(MapTableRecord(card, t, loyalty).ok());
  EXPECT_EQ(loyalty.store_card().balance().amount_minor(), 12345);
}

}  // namespace
}  // namespace omnihub::mapping::engine
