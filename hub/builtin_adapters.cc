#include "hub/builtin_adapters.h"

#include "adapters/http_json/http_json_adapter.h"
#include "adapters/reference/reference_adapter.h"

namespace omnihub::hub {

void RegisterBuiltinAdapters(omnihub::sdk::AdapterRegistry& registry) {
  // Each line: a connector type name as written in the config -> its factory.
  (void)registry.Register("reference", omnihub::reference::MakeReferenceAdapter);
  (void)registry.Register("http-json", omnihub::http_json::MakeHttpJsonAdapter);
}

}  // namespace omnihub::hub
