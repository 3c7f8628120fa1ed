// The landscape file (mappings/landscape.xml): how the hub chooses between systems when several
// provide the same canonical field or entity (survivorship). Compiled like a mapping file:
// hardened parsing, validation against mappings/schema/landscape-v1.xsd, then for meaning, with
// every problem collected and located (file:line), worded for the architect:
//   landscape.xml:9: unknown canonical field 'customer.emial' — did you mean 'customer.email'?
//   landscape.xml:11: survivorship for customer.address names 'crm', which is not a known
//     system (known: ecommerce, erp, mainframe)
//
// Thread-safe: free functions over their arguments.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/mapping/engine/diagnostic.h"

namespace omnihub::mapping::engine {

struct CompiledLandscape {
  // Per rule, the systems winner first. Rule keys are what the hub's merger ranks by: "*" (the
  // <default>), a profile field without its "customer." prefix ("phone", "address", ...), or an
  // entity ("order", "loyalty").
  std::map<std::string, std::vector<std::string>> survivorship;
};

struct LandscapeResult {
  std::optional<CompiledLandscape> landscape;  // set when there is no diagnostic
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return landscape.has_value(); }
};

// `known_systems`: when not empty, every system named must be one of them (the hub passes its
// configured adapters, hubctl the systems its mapping files declare).
LandscapeResult CompileLandscape(std::string_view xml, const std::string& file_name,
                                 const std::set<std::string>& known_systems);
// As above, reading `path`; a file that cannot be read is one diagnostic.
LandscapeResult CompileLandscapeFile(const std::string& path,
                                     const std::set<std::string>& known_systems);

// The canonical profile fields (e.g. "customer.phone") and entities ("order", "loyalty") a
// landscape may rank: exactly those the hub's merger chooses between.
const std::vector<std::string>& SurvivorshipFields();
const std::vector<std::string>& SurvivorshipEntities();

// mappings/schema/landscape-v1.xsd, embedded at build time.
std::string_view LandscapeSchemaText();

}  // namespace omnihub::mapping::engine
