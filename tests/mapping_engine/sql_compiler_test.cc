// The odbc side of the mapping compiler: static SQL, parameter markers, dialect variants, child
// statements and column selectors, and the diagnostics an architect gets for each mistake.
#include <gtest/gtest.h>

#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/sql_statement.h"

namespace omnihub::mapping::engine {
namespace {

constexpr char kHead[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="erp" connector="odbc">
  <settings><endpoint connection="DSN=erp"/></settings>
)";

CompileResult Compile(const std::string& operations) {
  return CompileMapping(std::string(kHead) + operations + "</system>\n", "erp.xml");
}

// Every diagnostic's text, for EXPECT_THAT-free matching.
std::string All(const CompileResult& r) { return FormatDiagnostics(r.diagnostics); }

TEST(SqlParameters, CountsMarkersOutsideLiteralsNamesAndComments) {
  EXPECT_EQ(*CountSqlParameters("SELECT a FROM t WHERE a = ? AND b = ?"), 2u);
  EXPECT_EQ(*CountSqlParameters("SELECT '?', 'it''s ?', \"a?b\" FROM t -- ?\n WHERE c = ? /* ? */"),
            1u);
  EXPECT_EQ(*CountSqlParameters("SELECT x::text FROM t WHERE a = ?;  \n"), 1u);
  EXPECT_EQ(*CountSqlParameters("SELECT 1"), 0u);
}

TEST(SqlParameters, RefusesWhatIsNotOneStaticStatement) {
  for (const char* bad : {"", "   ", "SELECT 'abc", "SELECT \"abc", "SELECT 1 /* open",
                          "SELECT 1; DROP TABLE t", "SELECT * FROM t WHERE id = {account_id}",
                          "SELECT * FROM t WHERE id = $1", "SELECT * FROM t WHERE id = :id",
                          "SELECT * FROM t WHERE id = ?1"}) {
    EXPECT_FALSE(CountSqlParameters(bad).ok()) << bad;
  }
  EXPECT_NE(CountSqlParameters("SELECT * FROM t WHERE id = '{x}' AND y = {account_id}")
                .status()
                .message()
                .find("<param name=\"account_id\"/>"),
            std::string::npos);
}

TEST(SqlCompiler, CompilesTheErpMapping) {
  const CompileResult r = CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/erp.xml");
  ASSERT_TRUE(r.ok()) << All(r);
  EXPECT_EQ(r.system->connector, "odbc");
  EXPECT_EQ(r.system->settings.dialect, "sqlite");
  EXPECT_EQ(r.system->settings.connection, "Driver=SQLite3;Database=erp.db");
  const CompiledOperation* orders = r.system->FindOperation("list-orders");
  ASSERT_NE(orders, nullptr);
  ASSERT_EQ(orders->sql.main.params.size(), 2u);
  EXPECT_EQ(orders->sql.main.params[0].name, "account_id");
  EXPECT_EQ(orders->sql.main.params[1].name, "page_size");
  EXPECT_NE(orders->sql.main.SqlFor("postgresql"), orders->sql.main.SqlFor("sqlite"));
  EXPECT_EQ(&orders->sql.main.SqlFor("sqlite"), &orders->sql.main.sql);
  ASSERT_NE(orders->sql.FindChild("lines"), nullptr);
  EXPECT_FALSE(orders->sql.FindChild("lines")->per_parent_row());
  ASSERT_NE(orders->sql.FindChild("shipments"), nullptr);
  EXPECT_TRUE(orders->sql.FindChild("shipments")->per_parent_row());
  EXPECT_EQ(orders->sql.FindChild("shipments")->params[0].column, "order_id");
  EXPECT_EQ(orders->sql.FindChild("nope"), nullptr);
  for (const char* op : {"get-customer", "get-order", "list-contacts", "get-loyalty"}) {
    EXPECT_NE(r.system->FindOperation(op), nullptr) << op;
  }
}

TEST(SqlCompiler, MarkerCountMustMatchParams) {
  const CompileResult r = Compile(R"(  <operation name="list-orders">
    <request>
      <sql>SELECT order_number FROM orders WHERE customer_id = ? AND status = ?</sql>
      <sql dialect="postgresql">SELECT order_number FROM orders WHERE customer_id = ?</sql>
      <param name="account_id"/>
    </request>
    <response><field target="order.order_number" source="order_number"/></response>
  </operation>
)");
  ASSERT_EQ(r.diagnostics.size(), 1u) << All(r);
  EXPECT_EQ(r.diagnostics[0].ToString(),
            "erp.xml:5:7: the operation's SQL: the SQL has 2 parameter markers (?) but 1 <param>: "
            "give one <param> per ?, in the order of the ?s");
}

TEST(SqlCompiler, ExplainsEachMistakeInTheArchitectsTerms) {
  const CompileResult r = Compile(R"(  <operation name="list-orders">
    <request>
      <sql>SELECT order_number FROM orders WHERE customer_id = '{account_id}' OR id = {acount_id}</sql>
      <param name="acount_id"/>
      <param column="order_id"/>
      <statement name="lines">
        <sql dialect="sqlite">SELECT sku FROM order_lines WHERE order_id = ?</sql>
        <param column="order id"/>
      </statement>
    </request>
    <response>
      <field target="order.order_number" source="/order_number"/>
      <field target="order.lines" source="sku"/>
      <repeated target="order.lines" statement="lnes" key="order_id">
        <field target="quantity" source="qty"/>
      </repeated>
    </response>
  </operation>
)");
  const std::string all = All(r);
  EXPECT_NE(all.find("erp.xml:5:7: the operation's SQL: the SQL text contains '{acount_id}': SQL "
                     "text is static"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:6:7: unknown request parameter 'acount_id' — did you mean "
                     "'account_id'?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:7:7: <param column=\"order_id\"> names a column of the parent row"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:8:7: statement 'lines' needs a default <sql>"), std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:10:9: 'order id' is not a column name"), std::string::npos) << all;
  EXPECT_NE(all.find("erp.xml:14:7: '/order_number' is not a column name: an odbc source names a "
                     "column (letters, digits and _, not starting with a digit) (JSON Pointers "
                     "are for http-json; write 'order_number')"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:15:7: order.lines is a list of items"), std::string::npos) << all;
  // quantity without <transform name="integer"/>: rows are text.
  EXPECT_NE(all.find("erp.xml:17:9: order.lines.quantity: type mismatch: the value is text"),
            std::string::npos)
      << all;
}

TEST(SqlCompiler, RepeatedMustNameADeclaredStatement) {
  const CompileResult r = Compile(R"(  <operation name="list-orders">
    <request>
      <sql>SELECT order_id FROM orders WHERE customer_id = ?</sql>
      <param name="account_id"/>
      <statement name="lines">
        <sql>SELECT order_id, sku FROM order_lines WHERE order_id = ?</sql>
        <param column="order_id"/>
      </statement>
      <statement name="unused">
        <sql>SELECT 1</sql>
      </statement>
    </request>
    <response>
      <field target="order.order_id" source="order_id"/>
      <repeated target="order.lines" statement="lnes" key="order_id">
        <field target="sku" source="sku"/>
      </repeated>
      <repeated target="order.shipments" source="/tracking">
        <field target="carrier" source="carrier"/>
      </repeated>
    </response>
  </operation>
)");
  const std::string all = All(r);
  EXPECT_NE(all.find("erp.xml:17:7: <repeated> reads statement 'lnes', which the request does "
                     "not declare — did you mean 'lines'?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:20:7: an odbc <repeated> reads the rows of a child statement"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:11:7: statement 'unused' is not read by any <repeated"),
            std::string::npos)
      << all;
}

TEST(SqlCompiler, RefusesHttpFormsAndInlinePasswords) {
  const CompileResult r = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="erp" connector="odbc">
  <settings><endpoint connection="Driver=PostgreSQL;Server=db;UID=hub;pwd=secret" dialect="postgresql"/></settings>
  <operation name="get-customer">
    <request method="GET" path="/c"/>
    <response root="/customer"><field target="customer.email" source="email"/></response>
  </operation>
</system>
)",
      "erp.xml");
  const std::string all = All(r);
  EXPECT_NE(all.find("erp.xml:2:13: the connection string contains a password (PWD=...): secrets "
                     "never go in mapping files"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("erp.xml:4:5: an odbc request is SQL"), std::string::npos) << all;
  EXPECT_NE(all.find("erp.xml:5:5: root=\"...\" is a JSON Pointer for http-json"),
            std::string::npos)
      << all;
}

TEST(SqlCompiler, HttpJsonRefusesSqlElements) {
  const CompileResult r = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://x"/></settings>
  <operation name="get-customer">
    <request><sql>SELECT 1</sql></request>
    <response><field target="customer.email" source="/e"/></response>
  </operation>
</system>
)",
      "shop.xml");
  EXPECT_NE(All(r).find("shop.xml:4:5: an http-json request is method=\"GET\" path=\"/...\""),
            std::string::npos)
      << All(r);
}

}  // namespace
}  // namespace omnihub::mapping::engine
