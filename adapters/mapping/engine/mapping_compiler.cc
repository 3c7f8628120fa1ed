#include "adapters/mapping/engine/mapping_compiler.h"

#include <libxml/tree.h>

#include <fstream>
#include <set>
#include <sstream>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/args.h"
#include "adapters/mapping/engine/field_writer.h"
#include "adapters/mapping/engine/mapping_xml.h"
#include "adapters/mapping/engine/operation_catalog.h"
#include "adapters/mapping/engine/screen_script_compiler.h"
#include "adapters/mapping/engine/sql_request_compiler.h"
#include "adapters/mapping/engine/transform_kinds.h"
#include "adapters/mapping/engine/xml_stream_plan.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::mapping::engine {
namespace {

using omnihub::xml::ParseXmlSafely;
using omnihub::xml::XmlDocPtr;
using omnihub::xml::XmlProblem;
using omnihub::xml::XmlSchema;

const omnihub::xml::XmlDocumentKind kMappingDocument{
    "a mapping file", "mapping", "urn:omnihub:mapping:v1", "mappings/README.md"};

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

const XmlSchema* Schema() {
  static const XmlSchema* schema = [] {
    absl::StatusOr<std::unique_ptr<XmlSchema>> compiled =
        XmlSchema::Compile(MappingSchemaText(), kMappingDocument);
    return compiled.ok() ? compiled->release() : nullptr;
  }();
  return schema;
}

omnihub::v1::IdentifierType IdentifierTypeOf(std::string_view word) {
  using namespace omnihub::v1;
  if (word == "email") return IDENTIFIER_TYPE_EMAIL;
  if (word == "phone") return IDENTIFIER_TYPE_PHONE;
  if (word == "postal-address") return IDENTIFIER_TYPE_POSTAL_ADDRESS;
  if (word == "loyalty-card") return IDENTIFIER_TYPE_LOYALTY_CARD;
  if (word == "twitter-handle") return IDENTIFIER_TYPE_TWITTER_HANDLE;
  if (word == "facebook-id") return IDENTIFIER_TYPE_FACEBOOK_ID;
  if (word == "account-number") return IDENTIFIER_TYPE_ACCOUNT_NUMBER;
  return IDENTIFIER_TYPE_UNSPECIFIED;
}

// Compiles one mapping document. Not thread-safe; lives for one call.
class Compiler {
 public:
  Compiler(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
    for (absl::string_view line : absl::StrSplit(AbslView(text), '\n')) lines_.push_back(line);
  }

  CompileResult Run() {
    CompileResult result;
    std::vector<XmlProblem> problems;
    XmlDocPtr doc = ParseXmlSafely(text_, kMappingDocument, problems);
    if (doc != nullptr) {
      const XmlSchema* schema = Schema();
      if (schema == nullptr) {
        problems.push_back({0, 0, "internal error: the embedded mapping schema does not compile"});
      } else {
        schema->Validate(doc.get(), problems);
      }
    }
    for (const XmlProblem& p : problems) {
      if (p.node != nullptr) {
        Problem(p.node, p.message);
      } else {
        diagnostics_.push_back({file_, p.line, p.column, p.message});
      }
    }
    if (!diagnostics_.empty()) {
      result.diagnostics = std::move(diagnostics_);
      return result;
    }
    auto system = std::make_shared<CompiledSystem>();
    system->file = file_;
    BuildSystem(xmlDocGetRootElement(doc.get()), *system);
    if (diagnostics_.empty()) PlanXmlStreaming(*system);
    result.diagnostics = std::move(diagnostics_);
    if (result.diagnostics.empty()) result.system = std::move(system);
    return result;
  }

 private:
  // libxml2 records an element's line where its start tag ends; the architect looks for where
  // it begins, so search back a few lines for "<name".
  std::pair<int, int> Locate(const xmlNode* node) const {
    const int end_line = static_cast<int>(xmlGetLineNo(node));
    if (end_line <= 0) return {0, 0};
    std::string open = absl::StrCat("<", reinterpret_cast<const char*>(node->name));
    if (node->ns != nullptr && node->ns->prefix != nullptr) {
      open = absl::StrCat("<", reinterpret_cast<const char*>(node->ns->prefix), ":",
                          reinterpret_cast<const char*>(node->name));
    }
    for (int line = end_line; line >= 1 && line > end_line - 20; --line) {
      if (static_cast<size_t>(line) > lines_.size()) continue;
      const absl::string_view text = lines_[static_cast<size_t>(line) - 1];
      size_t at = text.rfind(open);
      while (at != absl::string_view::npos) {
        const size_t after = at + open.size();
        if (after >= text.size() ||
            (!absl::ascii_isalnum(static_cast<unsigned char>(text[after])) && text[after] != '-')) {
          return {line, static_cast<int>(at) + 1};
        }
        at = at == 0 ? absl::string_view::npos : text.rfind(open, at - 1);
      }
    }
    return {end_line, 0};
  }

  void Problem(const xmlNode* node, std::string message) {
    const auto [line, column] = Locate(node);
    diagnostics_.push_back({file_, line, column, std::move(message)});
  }

  void BuildSystem(const xmlNode* root, CompiledSystem& system) {
    system.name = AttrOr(root, "name");
    system.connector = AttrOr(root, "connector");
    system_connector_ = system.connector;
    if (system.connector == "http-json") {
      shape_ = Shape::kJson;
    } else if (system.connector == "odbc") {
      shape_ = Shape::kTable;
      odbc_ = true;
    } else if (system.connector == "tn3270") {
      shape_ = Shape::kTable;
      screens_ = true;
    } else if (system.connector == "http-xml") {
      shape_ = Shape::kXml;
    } else if (system.connector == "poslog") {
      shape_ = Shape::kXml;
      poslog_ = true;
    } else {
      Problem(root, absl::StrCat("connector '", system.connector,
                                 "' is not supported by this version of the mapping engine yet "
                                 "(supported: http-json, http-xml, odbc, poslog, tn3270)"));
      return;
    }
    const xmlNode* settings = FirstChild(root, "settings");
    if (poslog_ && settings != nullptr) {
      Problem(settings,
              "a poslog system has no <settings>: where the stores' feed and drop "
              "directory are is the connector's configuration (hubd.xml), not the "
              "mapping's; remove it");
    } else if (settings != nullptr) {
      BuildSettings(settings, system.settings);
    } else if (!poslog_) {
      Problem(root,
              absl::StrCat("a ", system.connector,
                           " system needs <settings> with an <endpoint> (where the backend is)"));
    }
    if (shape_ == Shape::kXml) {
      BuildNamespaces(root, system);
      if (const xmlNode* result = FirstChild(root, "result")) {
        if (poslog_) {
          Problem(result,
                  "<result> is for connector=\"http-xml\" (a POSLog document has no "
                  "result code); remove it");
        } else {
          system.result = BuildResult(result);
        }
      }
    } else {
      for (const char* xml_only : {"namespaces", "result"}) {
        if (const xmlNode* n = FirstChild(root, xml_only)) {
          Problem(n, absl::StrCat("<", xml_only, "> is for connector=\"http-xml\" or \"poslog\""));
        }
      }
    }
    if (screens_) {
      std::vector<std::string_view> credentials;
      for (const CredentialRef& c : system.settings.credentials) credentials.push_back(c.name);
      std::optional<ScreenCatalog> catalog = CompileScreenCatalog(
          root, credentials,
          [this](const xmlNode* n, std::string message) { Problem(n, std::move(message)); });
      if (!catalog) return;  // the scripts would only repeat its problems
      system.screens = *std::move(catalog);
      catalog_ = &system.screens;
    } else {
      for (const char* tn3270_only : {"screens", "sign-on"}) {
        if (const xmlNode* n = FirstChild(root, tn3270_only)) {
          Problem(n, absl::StrCat("<", tn3270_only, "> is for connector=\"tn3270\""));
        }
      }
    }
    for (const xmlNode* op : Children(root, "operation")) {
      CompiledOperation operation;
      operation.system = system.name;
      if (!BuildOperation(op, operation)) continue;
      if (system.operations.contains(operation.name)) {
        Problem(op, absl::StrCat("operation '", operation.name,
                                 "' is declared twice; keep one of them"));
        continue;
      }
      std::string name = operation.name;
      system.operations.emplace(std::move(name), std::move(operation));
    }
  }

  // <namespaces><namespace prefix="p" uri="urn:..."/></namespaces>: the prefixes XPaths use.
  void BuildNamespaces(const xmlNode* root, CompiledSystem& system) {
    const xmlNode* list = FirstChild(root, "namespaces");
    if (list == nullptr) return;
    for (const xmlNode* ns : Children(list, "namespace")) {
      const std::string prefix = AttrOr(ns, "prefix");
      const std::string uri = AttrOr(ns, "uri");
      if (absl::c_any_of(system.namespaces, [&](const auto& d) { return d.first == prefix; })) {
        Problem(ns, absl::StrCat("namespace prefix '", prefix, "' is declared twice"));
        continue;
      }
      if (uri.empty()) {
        Problem(ns, absl::StrCat("namespace prefix '", prefix, "' needs a uri=\"...\""));
        continue;
      }
      system.namespaces.emplace_back(prefix, uri);
    }
    namespaces_ = &system.namespaces;
  }

  // <result code="XPath" message="XPath"><success code="00"/><declined code="05"/>...</result>
  std::optional<ResultRule> BuildResult(const xmlNode* node) {
    ResultRule rule;
    std::optional<Selector> code = Select(node, AttrOr(node, "code"));
    if (!code) return std::nullopt;
    rule.code = *std::move(code);
    if (auto message = Attr(node, "message")) {
      rule.message = Select(node, *message);
      if (!rule.message) return std::nullopt;
    }
    static const std::pair<const char*, absl::StatusCode> kKinds[] = {
        {"success", absl::StatusCode::kOk},
        {"declined", absl::StatusCode::kFailedPrecondition},
        {"retryable", absl::StatusCode::kUnavailable},
        {"not-found", absl::StatusCode::kNotFound},
        {"invalid", absl::StatusCode::kInvalidArgument}};
    bool success = false;
    for (const auto& [element, status] : kKinds) {
      for (const xmlNode* c : Children(node, element)) {
        const std::string value = AttrOr(c, "code");
        if (!rule.codes.emplace(value, status).second) {
          Problem(c, absl::StrCat("result code '", value,
                                  "' is listed twice; each code has one meaning"));
        }
        success = success || status == absl::StatusCode::kOk;
      }
    }
    if (!success) {
      Problem(node,
              "a <result> needs at least one <success code=\"...\"/>: without it every "
              "answer would be an error");
      return std::nullopt;
    }
    return rule;
  }

  void BuildSettings(const xmlNode* settings, SystemSettings& out) {
    if (const xmlNode* endpoint = FirstChild(settings, "endpoint"); endpoint != nullptr && odbc_) {
      BuildDatabaseEndpoint(endpoint, out);
    } else if (endpoint != nullptr && screens_) {
      BuildTerminalEndpoint(endpoint, out);
    } else if (endpoint != nullptr) {
      out.endpoint = AttrOr(endpoint, "url");
      if (Attr(endpoint, "connection") || Attr(endpoint, "dialect")) {
        Problem(endpoint,
                "connection=\"...\" and dialect=\"...\" are for connector=\"odbc\"; "
                "an HTTP endpoint is url=\"http://host:port\"");
      }
      const bool http =
          absl::StartsWith(out.endpoint, "http://") || absl::StartsWith(out.endpoint, "https://");
      if (!http) {
        Problem(endpoint, absl::StrCat("the endpoint url '", out.endpoint,
                                       "' must start with http:// or https://"));
      } else {
        const std::string_view rest =
            std::string_view(out.endpoint).substr(out.endpoint.find("//") + 2);
        const std::string_view authority = rest.substr(0, rest.find('/'));
        if (authority.find('@') != std::string_view::npos) {
          Problem(endpoint,
                  "the endpoint url contains a user name or password (inline secret): secrets "
                  "never go in mapping files; use <credential name=\"...\" env=\"VARIABLE\"/> "
                  "or file=\"/path\"");
        }
      }
    }
    if (const xmlNode* timeouts = FirstChild(settings, "timeouts")) {
      (void)absl::SimpleAtoi(AttrOr(timeouts, "connect-ms", "1000"), &out.connect_timeout_ms);
      (void)absl::SimpleAtoi(AttrOr(timeouts, "request-ms", "3000"), &out.request_timeout_ms);
    }
    if (const xmlNode* pool = FirstChild(settings, "pool")) {
      (void)absl::SimpleAtoi(AttrOr(pool, "size", "4"), &out.pool_size);
    }
    for (const xmlNode* c : Children(settings, "credential")) {
      CredentialRef ref{AttrOr(c, "name"), AttrOr(c, "header"), AttrOr(c, "env"),
                        AttrOr(c, "file")};
      if (Attr(c, "value").has_value()) {
        Problem(c, absl::StrCat("credential '", ref.name,
                                "' is written inline (value=...): secrets never go in mapping "
                                "files; use env=\"VARIABLE\" or file=\"/path/to/secret\""));
      } else if (ref.env.empty() == ref.file.empty()) {
        Problem(c, absl::StrCat("credential '", ref.name,
                                "' needs exactly one of env=\"VARIABLE\" or file=\"/path\""));
      }
      out.credentials.push_back(std::move(ref));
    }
  }

  // <endpoint url="tn3270://host:3270"/> (tn3270s:// for TLS).
  void BuildTerminalEndpoint(const xmlNode* endpoint, SystemSettings& out) {
    out.endpoint = AttrOr(endpoint, "url");
    if (!absl::StartsWith(out.endpoint, "tn3270://") &&
        !absl::StartsWith(out.endpoint, "tn3270s://")) {
      Problem(endpoint, absl::StrCat("the endpoint url '", out.endpoint,
                                     "' must be tn3270://host:port (or tn3270s:// for TLS)"));
    } else if (out.endpoint.find('@') != std::string::npos) {
      Problem(endpoint,
              "the endpoint url contains a user name or password (inline secret): "
              "secrets never go in mapping files; use <credential name=\"user\" "
              "env=\"VARIABLE\"/> and refer to {user} in <sign-on>");
    }
  }

  // <endpoint connection="Driver=SQLite3;Database=erp.db" dialect="sqlite"/> (odbc).
  void BuildDatabaseEndpoint(const xmlNode* endpoint, SystemSettings& out) {
    out.connection = AttrOr(endpoint, "connection");
    out.dialect = AttrOr(endpoint, "dialect", "sqlite");
    if (Attr(endpoint, "url")) {
      Problem(endpoint,
              "an odbc endpoint is an ODBC connection string: "
              "<endpoint connection=\"DSN=erp\" dialect=\"sqlite\"/>, not url=\"...\"");
    } else if (out.connection.empty()) {
      Problem(endpoint,
              "an odbc endpoint needs connection=\"...\" (an ODBC connection string "
              "such as \"Driver=SQLite3;Database=erp.db\" or \"DSN=erp\")");
    }
    for (absl::string_view part : absl::StrSplit(out.connection, ';')) {
      const std::string key =
          absl::AsciiStrToUpper(absl::StripAsciiWhitespace(part.substr(0, part.find('='))));
      if (key == "PWD" || key == "PASSWORD") {
        Problem(endpoint,
                absl::StrCat("the connection string contains a password (", key,
                             "=...): secrets never go in mapping files; use <credential "
                             "name=\"password\" env=\"VARIABLE\"/> (the connector adds it)"));
      }
    }
  }

  bool BuildOperation(const xmlNode* node, CompiledOperation& op) {
    op.name = AttrOr(node, "name");
    const OperationKind* kind = FindOperationKind(op.name);
    if (kind == nullptr) {
      std::string hint = DidYouMean(op.name, OperationNames());
      if (hint.empty())
        hint = absl::StrCat(" (known: ", absl::StrJoin(OperationNames(), ", "), ")");
      Problem(node, absl::StrCat("unknown operation '", op.name, "'", hint));
      return false;
    }
    if (poslog_ != kind->poslog) {
      Problem(node, poslog_
                        ? absl::StrCat("a poslog system declares the operation "
                                       "'pos-transaction' (one till transaction), not '",
                                       op.name, "'")
                        : absl::StrCat("operation '", op.name, "' is for connector=\"poslog\""));
      return false;
    }
    op.record = kind->record;
    op.source_system_field = op.record->FindFieldByName("source_system");
    op.identifiers_field = op.record->FindFieldByName("identifiers");
    const size_t before = diagnostics_.size();
    current_op_ = &op;
    used_statements_.clear();
    sql_compiled_ = false;
    const xmlNode* request = FirstChild(node, "request");
    script_columns_.reset();
    if (request == nullptr && !poslog_) {
      Problem(node, absl::StrCat("operation '", op.name,
                                 "' needs a <request> saying how to ask the backend"));
    } else if (request != nullptr && poslog_) {
      Problem(request,
              "a poslog operation has no <request>: the stores send their transactions "
              "(feed and file drop); remove it");
      request = nullptr;
    }
    if (request != nullptr && odbc_) {
      BuildSqlRequest(request, *kind, op);
    } else if (request != nullptr && screens_) {
      BuildScriptRequest(request, *kind, op);
    } else if (request != nullptr && (FirstChild(request, "sql") || FirstChild(request, "param") ||
                                      FirstChild(request, "statement") ||
                                      !Attr(request, "method") || !Attr(request, "path"))) {
      Problem(request, absl::StrCat("an ", system_connector_,
                                    " request is method=\"GET\" path=\"/...\" with optional "
                                    "<query> elements (<sql>, <param> and <statement> are for "
                                    "odbc)"));
    } else if (request != nullptr) {
      std::vector<std::pair<std::string, std::string>> query;
      for (const xmlNode* q : Children(request, "query")) {
        query.emplace_back(AttrOr(q, "name"), AttrOr(q, "value"));
      }
      absl::StatusOr<RequestTemplate> t = RequestTemplate::Compile(
          AttrOr(request, "method"), AttrOr(request, "path"), query, kind->parameters);
      if (t.ok()) {
        op.request = *std::move(t);
      } else {
        Problem(request, std::string(t.status().message()));
      }
      const xmlNode* body = FirstChild(request, "body");
      if (body != nullptr && shape_ == Shape::kJson) {
        BuildJsonBody(body, *kind, op);
      } else if (body != nullptr) {
        absl::StatusOr<XmlBodyTemplate> b =
            XmlBodyTemplate::Compile(TextOf(body), AttrOr(body, "content-type"), kind->parameters);
        if (b.ok()) {
          op.body = *std::move(b);
        } else {
          Problem(body, std::string(b.status().message()));
        }
      }
    }
    if (request != nullptr) BuildIdempotencyHeader(request, *kind, op);
    const xmlNode* response = FirstChild(node, "response");
    op.has_response = response != nullptr;
    if (response == nullptr && !kind->action) {
      Problem(node, absl::StrCat("operation '", op.name,
                                 "' needs a <response> mapping what the backend answers"));
    }
    if (response != nullptr) {
      if (shape_ == Shape::kJson) {
        if (auto root = Pointer(response, AttrOr(response, "root"))) op.root = *std::move(root);
      } else if (shape_ == Shape::kXml) {
        if (auto root = Select(response, AttrOr(response, "root", "/*"))) {
          op.xml_root = *std::move(root);
        }
      } else if (Attr(response, "root")) {
        Problem(response, absl::StrCat("root=\"...\" is a JSON Pointer for http-json; an ",
                                       system_connector_, " response is rows, one record each"));
      }
      for (const xmlNode* c = response->children; c != nullptr; c = c->next) {
        if (IsElement(c, "field")) {
          if (auto f = BuildField(c, op.record, kind->record_word, true)) {
            op.fields.push_back(*std::move(f));
          }
        } else if (IsElement(c, "repeated")) {
          if (auto g = BuildGroup(c, op.record, kind->record_word, true)) {
            op.groups.push_back(*std::move(g));
          }
        } else if (IsElement(c, "identifiers")) {
          for (const xmlNode* id : Children(c, "identifier")) {
            if (auto i = BuildIdentifier(id, op)) op.identifiers.push_back(*std::move(i));
          }
        }
      }
    }
    if (sql_compiled_) {
      for (const xmlNode* st : Children(request, "statement")) {
        const std::string name = AttrOr(st, "name");
        if (!used_statements_.contains(name)) {
          Problem(st, absl::StrCat("statement '", name,
                                   "' is not read by any <repeated statement=\"", name, "\">"));
        }
      }
    }
    return diagnostics_.size() == before;
  }

  // <body> of an http-json request: a JSON template (json_body_template.h). A problem is
  // located at its place in the template when the template is found verbatim in the file (CDATA).
  void BuildJsonBody(const xmlNode* body, const OperationKind& kind, CompiledOperation& op) {
    const std::string method = AttrOr(body->parent, "method");
    if (method != "POST" && method != "PUT" && method != "PATCH") {
      Problem(body, absl::StrCat("a request <body> needs method=\"POST\", \"PUT\" or \"PATCH\" "
                                 "(this request is ",
                                 method, ")"));
      return;
    }
    const std::string text = TextOf(body);
    size_t offset = 0;
    absl::StatusOr<JsonBodyTemplate> b =
        JsonBodyTemplate::Compile(text, AttrOr(body, "content-type"), kind.parameters, &offset);
    if (b.ok()) {
      op.json_body = *std::move(b);
      return;
    }
    const int line = Locate(body).first;
    size_t start = 0;  // the byte offset of the body element's line in the file
    for (int l = 1; l < line && static_cast<size_t>(l) <= lines_.size(); ++l) {
      start += lines_[static_cast<size_t>(l) - 1].size() + 1;
    }
    const size_t found = line > 0 ? text_.find(text, start) : std::string_view::npos;
    if (found == std::string_view::npos || text.empty()) {
      Problem(body, std::string(b.status().message()));
      return;
    }
    const size_t at = found + std::min(offset, text.size());
    int problem_line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (text_[i] == '\n') {
        ++problem_line;
        line_start = i + 1;
      }
    }
    diagnostics_.push_back({file_, problem_line, static_cast<int>(at - line_start) + 1,
                            std::string(b.status().message())});
  }

  // <request idempotency-header="Idempotency-Key">: the header carrying {idempotency_key}.
  void BuildIdempotencyHeader(const xmlNode* request, const OperationKind& kind,
                              CompiledOperation& op) {
    const std::optional<std::string> header = Attr(request, "idempotency-header");
    if (!header) return;
    if (shape_ != Shape::kJson) {
      Problem(request,
              "idempotency-header=\"...\" is for connector=\"http-json\" (http-xml "
              "sends the key in its body, e.g. as a merchant reference)");
      return;
    }
    if (absl::c_find(kind.parameters, "idempotency_key") == kind.parameters.end()) {
      Problem(request, absl::StrCat("idempotency-header=\"...\": operation '", op.name,
                                    "' has no {idempotency_key} (only actions do)"));
      return;
    }
    const bool token =
        !header->empty() && header->size() <= 64 && absl::c_all_of(*header, [](char c) {
          return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        });
    if (!token) {
      Problem(request, absl::StrCat("idempotency-header=\"", *header,
                                    "\" is not an HTTP header name (letters, digits, '-')"));
      return;
    }
    op.idempotency_header = *header;
  }

  void BuildScriptRequest(const xmlNode* request, const OperationKind& kind,
                          CompiledOperation& op) {
    const xmlNode* script = FirstChild(request, "script");
    if (script == nullptr || Attr(request, "method") || Attr(request, "path") ||
        FirstChild(request, "sql") || FirstChild(request, "param") ||
        FirstChild(request, "query") || FirstChild(request, "statement")) {
      Problem(request,
              "a tn3270 request is a <script> of steps (expect-screen, type, press, "
              "read, ...); method, path, <query> and <sql> are for other connectors");
      return;
    }
    if (std::optional<ScreenScript> compiled = CompileScreenScript(
            script, *catalog_, kind.parameters,
            [this](const xmlNode* n, std::string message) { Problem(n, std::move(message)); })) {
      op.script = *std::move(compiled);
      script_columns_ = op.script.columns;
    }
  }

  void BuildSqlRequest(const xmlNode* request, const OperationKind& kind, CompiledOperation& op) {
    if (Attr(request, "method") || Attr(request, "path") || FirstChild(request, "query")) {
      Problem(request,
              "an odbc request is SQL: <sql>...</sql> with one <param name=\"...\"/> per "
              "?; method, path and <query> are for http-json");
      return;
    }
    if (std::optional<SqlRequest> sql = CompileSqlRequest(
            request, kind.parameters,
            [this](const xmlNode* n, std::string message) { Problem(n, std::move(message)); })) {
      op.sql = *std::move(sql);
      sql_compiled_ = true;
    }
  }

  // A source selector in the system's payload shape: a JSON Pointer or a column name.
  std::optional<Selector> Select(const xmlNode* node, std::string text) {
    Selector selector;
    if (shape_ == Shape::kJson) {
      std::optional<JsonPointer> pointer = Pointer(node, text);
      if (!pointer) return std::nullopt;
      selector.pointer = *std::move(pointer);
    } else if (shape_ == Shape::kXml) {
      static const XmlNamespaces kNone;
      absl::StatusOr<std::shared_ptr<const XPath>> xpath =
          XPath::Compile(text, namespaces_ != nullptr ? *namespaces_ : kNone);
      if (!xpath.ok()) {
        Problem(node, std::string(xpath.status().message()));
        return std::nullopt;
      }
      selector.xpath = *std::move(xpath);
    } else if (!IsColumnName(text)) {
      std::string hint;
      if (!text.empty() && text[0] == '/' && IsColumnName(std::string_view(text).substr(1))) {
        hint = absl::StrCat(" (JSON Pointers are for http-json; write '", text.substr(1), "')");
      }
      Problem(node, absl::StrCat("'", text, "' is not a column name: an ", system_connector_,
                                 " source names a column (letters, digits and _, not starting "
                                 "with a digit)",
                                 hint));
      return std::nullopt;
    } else if (script_columns_ && !absl::c_linear_search(*script_columns_, text)) {
      std::string hint = DidYouMean(text, *script_columns_);
      if (hint.empty()) {
        hint = script_columns_->empty()
                   ? "; the script reads nothing (add <read> or <read-list> steps)"
                   : absl::StrCat("; it reads: ", absl::StrJoin(*script_columns_, ", "));
      }
      Problem(node, absl::StrCat("'", text, "' is not read by the operation's script", hint));
      return std::nullopt;
    }
    selector.text = std::move(text);
    return selector;
  }

  std::optional<JsonPointer> Pointer(const xmlNode* node, std::string_view text) {
    absl::StatusOr<JsonPointer> p = JsonPointer::Parse(text);
    if (!p.ok()) {
      Problem(node, std::string(p.status().message()));
      return std::nullopt;
    }
    return *std::move(p);
  }

  // Splits "customer.email" into the record word and the rest, or reports the mismatch.
  std::optional<std::string> Relative(const xmlNode* node, std::string_view target,
                                      std::string_view word, bool top_level) {
    if (!top_level) return std::string(target);
    const std::string prefix = absl::StrCat(AbslView(word), ".");
    if (!absl::StartsWith(AbslView(target), prefix)) {
      Problem(node, absl::StrCat("the target '", AbslView(target), "' must start with '", prefix,
                                 "': this operation maps ", AbslView(word), " records"));
      return std::nullopt;
    }
    return std::string(target.substr(prefix.size()));
  }

  struct Chain {
    TransformChain chain;
    std::optional<ValueKind> output;  // when fixed by the last transform
    bool first_combines = false;
    const xmlNode* code_table = nullptr;  // the last step when it is a code-table
  };

  std::optional<Chain> BuildChain(const xmlNode* owner) {
    std::vector<TransformSpec> specs;
    std::vector<const xmlNode*> nodes;
    bool ok = true;
    for (const xmlNode* t : Children(owner, "transform")) {
      TransformSpec spec;
      for (const xmlAttr* a = t->properties; a != nullptr; a = a->next) {
        const std::string name = reinterpret_cast<const char*>(a->name);
        std::string value = AttrOr(t, name.c_str());
        if (name == "name") {
          spec.name = std::move(value);
        } else {
          spec.args.emplace(name, std::move(value));
        }
      }
      for (const xmlNode* code : Children(t, "code")) {
        spec.table.emplace_back(AttrOr(code, "from"), AttrOr(code, "to"));
      }
      absl::StatusOr<std::unique_ptr<Transform>> compiled = CompileTransform(spec);
      if (!compiled.ok()) {
        Problem(t, std::string(compiled.status().message()));
        ok = false;
      } else if (!specs.empty() && (*compiled)->combines()) {
        Problem(t, absl::StrCat("'", spec.name,
                                "' combines several inputs and must be the first transform"));
        ok = false;
      }
      specs.push_back(std::move(spec));
      nodes.push_back(t);
    }
    if (!ok) return std::nullopt;
    absl::StatusOr<TransformChain> chain = TransformChain::Compile(specs);
    if (!chain.ok()) {
      Problem(owner, std::string(chain.status().message()));
      return std::nullopt;
    }
    Chain out{*std::move(chain), std::nullopt, false, nullptr};
    if (!specs.empty()) {
      out.output = TransformOutputKind(specs.back().name);
      if (specs.back().name == "code-table") out.code_table = nodes.back();
      absl::StatusOr<std::unique_ptr<Transform>> first = CompileTransform(specs.front());
      out.first_combines = first.ok() && (*first)->combines();
    }
    return out;
  }

  std::optional<CompiledField> BuildField(const xmlNode* node,
                                          const google::protobuf::Descriptor* message,
                                          std::string_view prefix, bool top_level) {
    const std::string target_text = AttrOr(node, "target");
    std::optional<std::string> relative = Relative(node, target_text, prefix, top_level);
    if (!relative) return std::nullopt;
    absl::StatusOr<CanonicalTarget> target = ResolveLeafTarget(message, prefix, *relative);
    if (!target.ok()) {
      Problem(node, std::string(target.status().message()));
      return std::nullopt;
    }
    CompiledField field;
    field.target = *std::move(target);
    field.required = AttrOr(node, "required") == "true" || AttrOr(node, "required") == "1";
    field.line = static_cast<int>(xmlGetLineNo(node));
    bool ok = true;
    const std::optional<std::string> source = Attr(node, "source");
    const std::optional<std::string> value = Attr(node, "value");
    const std::vector<const xmlNode*> sources = Children(node, "source");
    const int given = (source ? 1 : 0) + (value ? 1 : 0) + (sources.empty() ? 0 : 1);
    if (given != 1) {
      Problem(node, absl::StrCat("the mapping of ", field.target.display,
                                 given == 0 ? " has no source: " : " has more than one source: ",
                                 "give exactly one of source=\"/json/pointer\", <source "
                                 "path=\"...\"/> elements (for several inputs) or value=\"...\" "
                                 "(a constant)"));
      ok = false;
    }
    if (source) {
      if (auto p = Select(node, *source))
        field.sources.push_back(*std::move(p));
      else
        ok = false;
    }
    for (const xmlNode* s : sources) {
      if (auto p = Select(s, AttrOr(s, "path")))
        field.sources.push_back(*std::move(p));
      else
        ok = false;
    }
    std::optional<Chain> chain = BuildChain(node);
    if (!chain) return std::nullopt;
    if (field.sources.size() > 1 && !chain->first_combines) {
      Problem(node,
              absl::StrCat("the mapping of ", field.target.display, " reads ", field.sources.size(),
                           " sources, so its first transform must combine them (concat, "
                           "or money with currency=\"input\")"));
      ok = false;
    }
    if (!ok) return std::nullopt;
    std::optional<ValueKind> kind = chain->output;
    // Rows and XML are text: with no transform, such a source reaches the field as text.
    if (!kind && shape_ != Shape::kJson && !value && chain->chain.size() == 0) {
      kind = ValueKind::kText;
    }
    if (value) {
      absl::StatusOr<Value> constant = chain->chain.Apply(Value::Text(*value));
      if (!constant.ok()) {
        Problem(node, absl::StrCat("the constant '", *value, "' for ", field.target.display, ": ",
                                   constant.status().message()));
        return std::nullopt;
      }
      kind = constant->kind();
      field.constant = *std::move(constant);
    }
    if (kind) {
      if (absl::Status s = CheckCompatible(field.target, *kind); !s.ok()) {
        Problem(node, absl::StrCat(field.target.display, ": ", s.message()));
        return std::nullopt;
      }
    }
    if (field.target.type == TargetType::kEnum) {
      if (field.constant && field.constant->kind() == ValueKind::kText) {
        if (absl::Status s = CheckEnumName(field.target, field.constant->text()); !s.ok()) {
          Problem(node, std::string(s.message()));
          return std::nullopt;
        }
      }
      if (chain->code_table != nullptr) {
        for (const xmlNode* code : Children(chain->code_table, "code")) {
          if (absl::Status s = CheckEnumName(field.target, AttrOr(code, "to")); !s.ok()) {
            Problem(code, std::string(s.message()));
            ok = false;
          }
        }
        if (auto d = Attr(chain->code_table, "default")) {
          if (absl::Status s = CheckEnumName(field.target, *d); !s.ok()) {
            Problem(chain->code_table, std::string(s.message()));
            ok = false;
          }
        }
        if (!ok) return std::nullopt;
      }
    }
    field.chain = std::move(chain->chain);
    return field;
  }

  std::optional<CompiledGroup> BuildGroup(const xmlNode* node,
                                          const google::protobuf::Descriptor* message,
                                          std::string_view prefix, bool top_level) {
    std::optional<std::string> relative = Relative(node, AttrOr(node, "target"), prefix, top_level);
    if (!relative) return std::nullopt;
    absl::StatusOr<CanonicalTarget> target = ResolveGroupTarget(message, prefix, *relative);
    if (!target.ok()) {
      Problem(node, std::string(target.status().message()));
      return std::nullopt;
    }
    CompiledGroup group;
    group.target = *std::move(target);
    group.line = static_cast<int>(xmlGetLineNo(node));
    const size_t before = diagnostics_.size();
    if (screens_) {
      Problem(node,
              "a <repeated> is not supported for tn3270: each item of a <read-list> is "
              "one record");
      return std::nullopt;
    }
    const bool joined = shape_ == Shape::kTable ? BuildJoin(node, group, top_level) : false;
    std::optional<Selector> source;
    if (shape_ == Shape::kXml) {
      if (Attr(node, "statement") || Attr(node, "key") || Attr(node, "parent-key")) {
        Problem(node,
                "statement, key and parent-key join SQL rows (odbc); an http-xml "
                "<repeated> takes source=\"XPath\" (the item elements)");
      } else if (!Attr(node, "source")) {
        Problem(node, absl::StrCat("<repeated target=\"", group.target.display,
                                   "\"> needs source=\"XPath\" (the repeated elements, e.g. "
                                   "p:Refunds/p:Refund)"));
      } else {
        source = Select(node, AttrOr(node, "source"));
      }
    } else if (shape_ == Shape::kJson) {
      if (Attr(node, "statement") || Attr(node, "key") || Attr(node, "parent-key")) {
        Problem(node,
                "statement, key and parent-key join SQL rows (odbc); an http-json "
                "<repeated> takes source=\"/json/array\"");
      } else if (!Attr(node, "source")) {
        Problem(node,
                absl::StrCat("<repeated target=\"", group.target.display,
                             "\"> needs source=\"/json/array\" (a JSON Pointer to the list)"));
      } else {
        source = Select(node, AttrOr(node, "source"));
      }
    }
    const google::protobuf::Descriptor* item = group.target.leaf()->message_type();
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (IsElement(c, "field")) {
        if (auto f = BuildField(c, item, group.target.display, false))
          group.fields.push_back(*std::move(f));
      } else if (IsElement(c, "repeated")) {
        if (auto g = BuildGroup(c, item, group.target.display, false))
          group.groups.push_back(*std::move(g));
      }
    }
    if ((!source && !joined) || diagnostics_.size() != before) return std::nullopt;
    if (source) group.source = *std::move(source);
    return group;
  }

  // <repeated statement="lines" key="order_id" parent-key="order_id">: items are the rows of a
  // child statement joined to the record's row. False after reporting a problem.
  bool BuildJoin(const xmlNode* node, CompiledGroup& group, bool top_level) {
    if (Attr(node, "source")) {
      Problem(node, absl::StrCat("an ", system_connector_,
                                 " <repeated> reads the rows of a child statement: "
                                 "statement=\"name\" key=\"child_column\" "
                                 "parent-key=\"parent_column\", not source=\"...\""));
      return false;
    }
    if (!top_level) {
      Problem(node, absl::StrCat("a <repeated> inside a <repeated> is not supported for ",
                                 system_connector_, "; join the rows in the child statement"));
      return false;
    }
    group.statement = AttrOr(node, "statement");
    group.key = AttrOr(node, "key");
    group.parent_key = AttrOr(node, "parent-key", group.key);
    if (group.statement.empty() || group.key.empty()) {
      Problem(node, absl::StrCat("<repeated target=\"", group.target.display,
                                 "\"> needs statement=\"...\" (a child <statement> of the "
                                 "request) and key=\"column\" (the child's column that holds "
                                 "the parent's key; parent-key=\"column\" when the parent's "
                                 "column has another name)"));
      return false;
    }
    bool ok = true;
    for (const std::string* column : {&group.key, &group.parent_key}) {
      if (!IsColumnName(*column)) {
        Problem(node, absl::StrCat("'", *column, "' is not a column name"));
        ok = false;
      }
    }
    if (sql_compiled_ && current_op_->sql.FindChild(group.statement) == nullptr) {
      std::vector<std::string> names;
      for (const SqlStatement& st : current_op_->sql.children) names.push_back(st.name);
      std::string hint = DidYouMean(group.statement, names);
      if (hint.empty()) {
        hint = names.empty() ? "; declare it in <request> as <statement name=\"...\">"
                             : absl::StrCat("; declared: ", absl::StrJoin(names, ", "));
      }
      Problem(node, absl::StrCat("<repeated> reads statement '", group.statement,
                                 "', which the request does not declare", hint));
      ok = false;
    }
    used_statements_.insert(group.statement);
    return ok;
  }

  std::optional<CompiledIdentifier> BuildIdentifier(const xmlNode* node,
                                                    const CompiledOperation& op) {
    if (op.identifiers_field == nullptr) {
      Problem(node, absl::StrCat("identifiers are declared on customer operations (get-customer, "
                                 "search-customers), not on '",
                                 op.name, "'"));
      return std::nullopt;
    }
    CompiledIdentifier id;
    id.type = IdentifierTypeOf(AttrOr(node, "type"));
    id.system = AttrOr(node, "system", op.system);
    std::optional<Selector> source = Select(node, AttrOr(node, "source"));
    std::optional<Chain> chain = BuildChain(node);
    if (!source || !chain) return std::nullopt;
    if (chain->output && *chain->output != ValueKind::kText) {
      Problem(node, absl::StrCat("an identifier is text, but its last transform gives ",
                                 KindName(*chain->output), ": add <transform name=\"text\"/>"));
      return std::nullopt;
    }
    id.source = *std::move(source);
    id.chain = std::move(chain->chain);
    return id;
  }

  // How payloads of the system's connector look, which decides what selectors are.
  enum class Shape { kJson, kTable, kXml };
  bool poslog_ = false;  // connector="poslog": XML without settings, requests or result codes
  Shape shape_ = Shape::kJson;
  bool odbc_ = false;
  bool screens_ = false;                       // tn3270
  const ScreenCatalog* catalog_ = nullptr;     // tn3270, once compiled
  const XmlNamespaces* namespaces_ = nullptr;  // http-xml, once read
  // tn3270: the columns the current operation's script reads (selectors must be among them).
  std::optional<std::vector<std::string>> script_columns_;
  std::string system_connector_;
  const CompiledOperation* current_op_ = nullptr;
  std::set<std::string> used_statements_;
  bool sql_compiled_ = false;

  std::string_view text_;
  std::string file_;
  std::vector<absl::string_view> lines_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

CompileResult CompileMapping(std::string_view xml, std::string file_name) {
  if (xml.size() > kMaxMappingFileBytes) {
    CompileResult result;
    result.diagnostics.push_back(
        {std::move(file_name), 0, 0,
         absl::StrCat("the file is ", xml.size(), " bytes; mapping files are limited to ",
                      kMaxMappingFileBytes, " bytes")});
    return result;
  }
  return Compiler(xml, std::move(file_name)).Run();
}

CompileResult CompileMappingFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CompileResult result;
    result.diagnostics.push_back({path, 0, 0, "cannot read the file"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return CompileMapping(text.str(), path);
}

}  // namespace omnihub::mapping::engine
