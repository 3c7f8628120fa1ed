// The compiled form of a mapping file: what the mapping compiler produces once at start-up and
// what the mappers apply to every payload (json_mapper.h for http-json, table_mapper.h for odbc
// and tn3270). Nothing here is parsed per record: targets are descriptor paths, selectors are
// parsed, transforms are compiled.
//
// What each connector reads from a CompiledOperation:
//   http-json: `request` (RequestTemplate), `root`; selectors are JSON Pointers.
//   odbc:      `sql` (sql_statement.h); selectors are column names; map with MapTable.
//   tn3270:    `script` (screen_script.h) and the system's `screens`; selectors are the names
//              the script reads into its Table; map with MapTable.
//   http-json: actions also `json_body` (json_body_template.h) and `idempotency_header`.
//   http-xml:  `request` and `body` (xml_body_template.h), `xml_root`; selectors are XPaths
//              (xpath.h) with the system's `namespaces`; the system's `result` rule says which
//              result codes in the body succeed; map with xml_mapper.h.
//
// Thread-safety: immutable after compilation; share one CompiledSystem between all threads.
#pragma once

#include <google/protobuf/descriptor.h>

#include "absl/status/status.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/mapping/engine/canonical_target.h"
#include "adapters/mapping/engine/json_body_template.h"
#include "adapters/mapping/engine/json_pointer.h"
#include "adapters/mapping/engine/request_template.h"
#include "adapters/mapping/engine/screen_script.h"
#include "adapters/mapping/engine/sql_statement.h"
#include "adapters/mapping/engine/xml_body_template.h"
#include "adapters/mapping/engine/xpath.h"
#include "adapters/mapping/transform_chain.h"
#include "adapters/mapping/value.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::mapping::engine {

class XmlStreamPlan;  // xml_stream_plan.h

// A source selector as written in the mapping file, compiled for the system's payload shape.
struct Selector {
  std::string text;     // "/created_at" (http-json: JSON Pointer), "placed_at" (a column name)
  JsonPointer pointer;  // http-json only: `text` parsed
  std::shared_ptr<const XPath> xpath;  // http-xml only: `text` compiled
  // http-xml, when the operation streams (CompiledOperation::xml_stream): the plan's scope that
  // holds this selector's value (for a <repeated> or the response root: the scope of its items)
  // and, for a value, its slot there.
  int stream_scope = -1;
  int stream_slot = -1;
};

// <field>: one canonical field from one or more source selectors, or a constant.
struct CompiledField {
  CanonicalTarget target;
  std::vector<Selector> sources;  // empty when `constant` is set
  std::optional<Value> constant;
  TransformChain chain;
  bool required = false;
  int line = 0;  // in the mapping file, for messages
};

// <repeated>: a list of items, each mapped by its own fields (relative to the item).
//   http-json: `source` is the JSON array, relative to the enclosing record or item.
//   odbc:      items are the rows of child statement `statement` whose column `key` equals the
//              record's column `parent_key` (compared as text; NULL keys never match).
struct CompiledGroup {
  CanonicalTarget target;  // the repeated message field
  Selector source;
  std::string statement;
  std::string parent_key;
  std::string key;
  std::vector<CompiledField> fields;
  std::vector<CompiledGroup> groups;
  int line = 0;
};

// <identifier>: an identifier the system holds for the record's customer.
struct CompiledIdentifier {
  omnihub::v1::IdentifierType type = omnihub::v1::IDENTIFIER_TYPE_UNSPECIFIED;
  std::string system;  // the system the identifier belongs to (this one by default)
  Selector source;
  TransformChain chain;
};

struct CompiledOperation {
  std::string name;    // "get-customer"
  std::string system;  // the system's name, written to the record's source_system
  const google::protobuf::Descriptor* record = nullptr;  // omnihub.v1.Customer, ...
  RequestTemplate request;  // http-json
  JsonPointer root;         // http-json: to the record or to an array of records
  SqlRequest sql;           // odbc
  ScreenScript script;      // tn3270
  XmlBodyTemplate body;     // http-xml: the request body (empty for none)
  JsonBodyTemplate json_body;  // http-json: the request body (empty for none)
  // http-json: the request header that carries {idempotency_key} (empty: none). A
  // request sent with it may be retried: the backend answers a repeat with the original result.
  std::string idempotency_header;
  Selector xml_root;        // http-xml: the record nodes (default "/*", the document element)
  // http-xml: set when every selector the operation reads (the system's result code and message
  // too) is a plain path or a union of them: answers are then mapped from the parser's events,
  // without a tree (xml_stream_plan.h). Null otherwise.
  std::shared_ptr<const XmlStreamPlan> xml_stream;
  // False for actions (add-note) declared without a <response>: nothing to map.
  bool has_response = true;
  std::vector<CompiledField> fields;
  std::vector<CompiledGroup> groups;
  std::vector<CompiledIdentifier> identifiers;
  // Filled automatically when the record has them: Customer.identifiers from `identifiers`,
  // `source_system` with the system's name (unless the mapping sets it).
  const google::protobuf::FieldDescriptor* identifiers_field = nullptr;
  const google::protobuf::FieldDescriptor* source_system_field = nullptr;
};

// A secret, by reference only: an environment variable or a file, read by the connector.
struct CredentialRef {
  std::string name;    // "api-key"
  std::string header;  // the HTTP header carrying it, if any
  std::string env;     // one of env / file is set
  std::string file;
};

struct SystemSettings {
  std::string endpoint;  // http-json: "http://127.0.0.1:8081"; tn3270: "tn3270://host:3270"
                         // (tn3270s:// for TLS)
  // odbc: the ODBC connection string ("Driver=SQLite3;Database=erp.db", "DSN=erp"; never a
  // password: that is a credential) and the SQL dialect it speaks ("sqlite", "postgresql"),
  // which picks each statement's SqlFor(dialect) text.
  std::string connection;
  std::string dialect;
  int connect_timeout_ms = 1000;
  int request_timeout_ms = 3000;
  int pool_size = 4;
  std::vector<CredentialRef> credentials;
};

// http-xml: where a backend's answer says how the request went, and what each code means. Real
// gateways answer a declined or failed request with HTTP 200 and an error code in the body, so
// the connector reads this, never the HTTP status alone. A code not listed is DATA_LOSS; a body
// without the code is DATA_LOSS too.
struct ResultRule {
  Selector code;                    // XPath of the result code (relative to the document)
  std::optional<Selector> message;  // XPath of the backend's message, quoted in errors
  // code -> absl::StatusCode: kOk (success), kFailedPrecondition (declined: do not retry),
  // kUnavailable (retryable), kNotFound, kInvalidArgument (the request was refused).
  std::map<std::string, absl::StatusCode, std::less<>> codes;
};

struct CompiledSystem {
  std::string name;       // "ecommerce"
  std::string connector;  // "http-json", "odbc", "tn3270"
  std::string file;       // where it was read from
  SystemSettings settings;
  ScreenCatalog screens;  // tn3270: screens, error screens, sign-on, home
  XmlNamespaces namespaces;           // http-xml: prefix -> URI for the XPaths
  std::optional<ResultRule> result;   // http-xml: the answer's result code, when it has one
  std::map<std::string, CompiledOperation, std::less<>> operations;

  // Null when the system does not declare `operation`.
  const CompiledOperation* FindOperation(std::string_view operation) const {
    const auto it = operations.find(operation);
    return it == operations.end() ? nullptr : &it->second;
  }
};

}  // namespace omnihub::mapping::engine
