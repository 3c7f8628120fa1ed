// The landscape as architects read it, for `hubctl mappings doc`: per canonical field, which
// systems provide it, through which operation, from which selector and with which transforms,
// and which system wins when several do (the hub configuration's <survivorship>, applied the way
// the hub's merger applies it: hub/aggregate/merger.cc).
//
// Built from mapping files that passed `check` (their CompiledSystem) plus a second, read-only
// pass over the same XML for what the compiled form does not keep (transform arguments, the
// selectors as written). Thread-safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/hubctl/mapping_check.h"

namespace omnihub::hubctl {

// One mapping of one canonical field by one system.
struct FieldSource {
  std::string field;       // "customer.email", "order.lines.sku", "customer.identifiers (email)"
  std::string system;      // "erp"
  std::string operation;   // "get-customer"
  std::string selector;    // "column email", "JSON /email", "screen 'name' row 5 col 19 len 30",
                           // "constant \"GB\"", several joined with " + "
  std::string transforms;  // "trim → timestamp(format=\"YYDDD\", tz=\"Europe/London\")"; "": none
  std::string file;        // the mapping file
  int line = 0;
};

struct SystemSummary {
  std::string name;
  std::string connector;
  std::string file;
  std::string description;
  std::string endpoint;  // the url, or the ODBC connection string
  std::vector<std::string> operations;
};

// How the hub chooses between systems for one canonical field.
struct Survivorship {
  // "winner" (the first system in `order` that has a value), "merged" (records of every system
  // kept, e.g. contacts by time), "by-key" (orders: one per order number, completed in `order`).
  std::string kind;
  std::string rule;                // the <survivorship> field it follows ("phone", "*", "order")
  std::vector<std::string> order;  // the providing systems, winner first
  std::string explanation;         // one sentence for the page
};

struct Landscape {
  std::vector<SystemSummary> systems;
  std::vector<FieldSource> sources;  // sorted by field, then system, then operation
  // Survivorship (the workspace's landscape.xml, or a hub configuration's): per rule name ("*",
  // "phone", "order"), the systems best first; empty when there is neither.
  std::map<std::string, std::vector<std::string>> rules;
  std::string rules_file;  // where they came from, empty when none

  // Distinct canonical fields, in order.
  std::vector<std::string> Fields() const;
  // The systems providing `field`.
  std::vector<std::string> Providers(const std::string& field) const;
  // How the hub chooses for `field` among its providers.
  Survivorship SurvivorshipFor(const std::string& field) const;
};

// Reads the survivorship of a hub configuration file (config/hubd.xml; hardened XML parsing, no
// schema: hubd validates the file itself): the landscape file its <landscape file> names
// (relative to the configuration's directory), else its <survivorship>. INVALID_ARGUMENT with
// file:line for malformed XML, a landscape file with problems, or a <field> without name or
// systems; NOT_FOUND when the file cannot be read.
absl::StatusOr<std::map<std::string, std::vector<std::string>>> ReadSurvivorship(
    const std::string& config_path);

// The landscape of the systems that compiled. INVALID_ARGUMENT when a file changed between the
// check and this read in a way that makes it unreadable.
absl::StatusOr<Landscape> BuildLandscape(const CheckReport& checked);

}  // namespace omnihub::hubctl
