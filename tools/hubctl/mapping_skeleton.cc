#include "tools/hubctl/mapping_skeleton.h"

#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "adapters/mapping/engine/operation_catalog.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;

// A canonical field to start each record type with.
std::string FirstField(std::string_view record_word) {
  if (record_word == "customer") return "customer.email";
  if (record_word == "order") return "order.order_number";
  if (record_word == "contact") return "contact.summary";
  if (record_word == "payment") return "payment.payment_ref";
  if (record_word == "loyalty") return "loyalty.card_number";
  return std::string(record_word) + ".TODO";
}

constexpr char kHeader[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- @NAME@: TODO say what this system holds (customers, orders, notes...) and how its data is
     shaped (dates, amounts, codes).

     Written by `hubctl mappings new` (connector @CONNECTOR@, system @NAME@). The language is
     described in mappings/README.md; point your editor at mappings/schema/mapping-v1.xsd for
     completion. Replace every TODO, then:
       hubctl mappings check mappings      every mistake, as file:line:column
       hubctl mappings test mappings       your recorded samples (systems/@NAME@/samples/)
       hubctl mappings doc mappings -o landscape.html
     Canonical fields are those of proto/omnihub/v1/*.proto (customer.email, order.lines.sku...). -->
<system xmlns="urn:omnihub:mapping:v1" name="@NAME@" connector="@CONNECTOR@">
  <description>TODO: one line on what @NAME@ holds.</description>
)";

constexpr char kHttpJson[] = R"(  <settings>
    <!-- TODO: the backend's base URL. -->
    <endpoint url="http://127.0.0.1:8080"/>
    <timeouts connect-ms="500" request-ms="2000"/>
    <pool size="4"/>
    <!-- TODO: how the backend authenticates callers. Secrets never go in this file: env="..."
         names an environment variable, file="/path" a file holding the secret. -->
    <credential name="api-key" header="X-Api-Key" env="@ENV@_API_KEY"/>
  </settings>

  <operation name="get-customer">
    <!-- TODO: the path of one customer; {account_id} is this system's own customer number. -->
    <request method="GET" path="/customers/{account_id}"/>
    <!-- TODO: a JSON Pointer to the customer object in the answer ("" for the whole body). -->
    <response root="/customer">
      <!-- TODO: one <field> per canonical field the backend holds; source is a JSON Pointer. -->
      <field target="customer.email" source="/email">
        <transform name="email"/>
      </field>
      <field target="customer.given_name" source="/first_name">
        <transform name="trim"/>
      </field>
      <field target="customer.family_name" source="/last_name">
        <transform name="trim"/>
      </field>
      <!-- TODO: the identifiers this system holds; they feed identity resolution. -->
      <identifiers>
        <identifier type="account-number" source="/id">
          <transform name="text"/>
        </identifier>
        <identifier type="email" source="/email">
          <transform name="email"/>
        </identifier>
      </identifiers>
    </response>
  </operation>
)";

constexpr char kOdbc[] = R"(  <settings>
    <!-- TODO: the ODBC connection string (DSN=name, or Driver=...;Database=...) and the SQL
         dialect (sqlite or postgresql). Never a password here: give it as a credential. -->
    <endpoint connection="DSN=@NAME@" dialect="sqlite"/>
    <timeouts connect-ms="1000" request-ms="3000"/>
    <pool size="4"/>
    <credential name="password" env="@ENV@_PASSWORD"/>
  </settings>

  <operation name="get-customer">
    <request>
      <!-- TODO: your tables and columns. One ? per <param>, in order; values are never spliced
           into the SQL text. -->
      <sql>
        SELECT customer_id, email, given_name, family_name
        FROM customers
        WHERE customer_id = ?
      </sql>
      <param name="account_id"/>
    </request>
    <response>
      <!-- TODO: one <field> per canonical field; source is a column of the SELECT. Values arrive
           as text: numbers need integer/decimal/money, times need timestamp. -->
      <field target="customer.email" source="email">
        <transform name="email"/>
      </field>
      <field target="customer.given_name" source="given_name">
        <transform name="trim"/>
      </field>
      <field target="customer.family_name" source="family_name">
        <transform name="trim"/>
      </field>
      <identifiers>
        <identifier type="account-number" source="customer_id"/>
        <identifier type="email" source="email">
          <transform name="email"/>
        </identifier>
      </identifiers>
    </response>
  </operation>
)";

constexpr char kTn3270[] = R"(  <settings>
    <!-- TODO: the host (tn3270s:// for TLS) and the operator's credentials. -->
    <endpoint url="tn3270://127.0.0.1:3270"/>
    <timeouts connect-ms="2000" request-ms="5000"/>
    <pool size="4"/>
    <credential name="user" env="@ENV@_USER"/>
    <credential name="password" env="@ENV@_PASSWORD"/>
  </settings>

  <!-- TODO: how each screen is recognised. Rows and columns are 1-based, as an emulator shows
       them; `hubctl 3270 screen HOST:PORT` prints them with rulers and, asked to, records them. -->
  <screens>
    <screen name="sign-on"><marker row="1" col="2" text="TODO-SIGNON"/></screen>
    <screen name="menu"><marker row="1" col="2" text="TODO-MENU"/></screen>
    <screen name="inquiry"><marker row="1" col="2" text="TODO-INQUIRY"/></screen>
    <!-- TODO: the host's error messages, checked after every key press. -->
    <error-screen code="NOT_FOUND"><marker row="23" col="2" text="TODO NOT FOUND"/></error-screen>
  </screens>

  <sign-on home-screen="menu" home-key="PF3">
    <expect-screen name="sign-on"/>
    <type label="USERID" value="{user}"/>
    <type label="PASSWORD" value="{password}"/>
    <press key="ENTER"/>
    <expect-screen name="menu"/>
  </sign-on>

  <operation name="get-customer">
    <request>
      <script>
        <!-- TODO: the keys an operator types from the menu, and where the answer is read. -->
        <expect-screen name="menu"/>
        <type label="ACCOUNT" value="{account_id}"/>
        <press key="ENTER"/>
        <expect-screen name="inquiry"/>
        <read name="account" row="3" col="22" length="8"/>
        <read name="name" row="5" col="19" length="30"/>
      </script>
    </request>
    <response>
      <!-- TODO: sources are the names the script reads; values keep the screen's blanks. -->
      <field target="customer.family_name" source="name">
        <transform name="trim"/>
        <transform name="split" separator=" " index="0"/>
        <transform name="title"/>
      </field>
      <identifiers>
        <identifier type="account-number" source="account">
          <transform name="trim"/>
        </identifier>
      </identifiers>
    </response>
  </operation>
)";

constexpr char kHttpXml[] = R"(  <settings>
    <!-- TODO: the backend's base URL. -->
    <endpoint url="http://127.0.0.1:8080"/>
    <timeouts connect-ms="500" request-ms="2000"/>
    <pool size="4"/>
    <!-- TODO: how the backend authenticates callers (never inline: env="..." or file="..."). -->
    <credential name="api-key" header="X-Api-Key" env="@ENV@_API_KEY"/>
  </settings>
  <!-- TODO: if the answers use XML namespaces, declare their prefixes in <namespaces>, and where
       the answer's result code is in <result> (mappings/README.md, systems/payment.xml). -->

  <operation name="get-customer">
    <request method="GET" path="/customers/{account_id}"/>
    <!-- TODO: an XPath to the customer element; sources are XPaths relative to it. -->
    <response root="/Customer">
      <field target="customer.email" source="Email">
        <transform name="email"/>
      </field>
      <field target="customer.family_name" source="LastName">
        <transform name="trim"/>
      </field>
      <identifiers>
        <identifier type="account-number" source="@id"/>
      </identifiers>
    </response>
  </operation>
)";

// One commented-out operation in the connector's own terms.
std::string CommentedOperation(const std::string& connector, const engine::OperationKind& kind) {
  std::vector<std::string> params;
  for (std::string_view p : kind.parameters) params.push_back("{" + std::string(p) + "}");
  const std::string name(kind.name);
  const std::string field = FirstField(kind.record_word);
  const std::string param =
      kind.parameters.empty() ? "account_id" : std::string(kind.parameters[0]);
  std::string text = absl::StrCat("  <!-- ", name, kind.action ? " (an action)" : "",
                                  ": parameters ", absl::StrJoin(params, " "), "\n");
  std::string request, response;
  if (connector == "odbc") {
    request = absl::StrCat(
        "<request>\n      <sql>",
        kind.action ? "INSERT INTO TODO (TODO) VALUES (?)" : "SELECT TODO FROM TODO WHERE TODO = ?",
        "</sql>\n      <param name=\"", param, "\"/>\n    </request>");
    response =
        "<response>\n      <field target=\"" + field + "\" source=\"TODO\"/>\n    </response>";
  } else if (connector == "tn3270") {
    request =
        "<request>\n      <script>\n        <expect-screen name=\"menu\"/>\n"
        "        <type label=\"TODO\" value=\"{" +
        param +
        "}\"/>\n"
        "        <press key=\"ENTER\"/>\n        <read name=\"TODO\" row=\"5\" col=\"19\" "
        "length=\"30\"/>\n      </script>\n    </request>";
    response =
        "<response>\n      <field target=\"" + field + "\" source=\"TODO\"/>\n    </response>";
  } else {
    const bool xml = connector == "http-xml";
    request = absl::StrCat("<request method=\"", kind.action ? "POST" : "GET", "\" path=\"/TODO/{",
                           param, "}\"/>");
    response = absl::StrCat("<response root=\"", "/TODO", "\">\n      <field target=\"", field,
                            "\" source=\"", xml ? "TODO" : "/TODO", "\"/>\n    </response>");
  }
  absl::StrAppend(&text, "  <operation name=\"", name, "\">\n    ", request, "\n    ",
                  kind.action ? "" : response + "\n", "  </operation>\n  -->\n");
  return text;
}

}  // namespace

std::vector<std::string> SkeletonConnectors() {
  return {"http-json", "http-xml", "odbc", "tn3270"};
}

absl::StatusOr<std::string> MappingSkeleton(const std::string& connector,
                                            const std::string& system) {
  static const std::regex kName("[a-z][a-z0-9-]{0,62}");
  if (!std::regex_match(system, kName)) {
    return absl::InvalidArgumentError("--system '" + system +
                                      "': a system name is lower-case letters, digits and '-', "
                                      "starting with a letter (at most 63)");
  }
  const char* body = connector == "http-json"  ? kHttpJson
                     : connector == "odbc"     ? kOdbc
                     : connector == "tn3270"   ? kTn3270
                     : connector == "http-xml" ? kHttpXml
                                               : nullptr;
  if (body == nullptr) {
    return absl::InvalidArgumentError("--connector '" + connector +
                                      "': a skeleton is written for " +
                                      absl::StrJoin(SkeletonConnectors(), ", "));
  }
  const std::string env =
      "OMNIHUB_" + absl::AsciiStrToUpper(absl::StrReplaceAll(system, {{"-", "_"}}));
  std::string text = std::string(kHeader) + body;
  text +=
      "\n  <!-- The other operations the language has, to uncomment and adapt (their\n"
      "       parameters are the {placeholders} a request may use). -->\n";
  for (const std::string& name : engine::OperationNames()) {
    if (name == "get-customer") continue;
    if (const engine::OperationKind* kind = engine::FindOperationKind(name)) {
      text += CommentedOperation(connector, *kind);
    }
  }
  text += "</system>\n";
  return absl::StrReplaceAll(text,
                             {{"@NAME@", system}, {"@CONNECTOR@", connector}, {"@ENV@", env}});
}

}  // namespace omnihub::hubctl
