#include "hub/builtin_adapters.h"

#include "adapters/http_json/http_json_adapter.h"
#include "adapters/http_xml/http_xml_adapter.h"
#include "adapters/odbc/connector/odbc_adapter.h"
#include "adapters/poslog/poslog_adapter.h"
#include "adapters/reference/reference_adapter.h"
#include "adapters/tn3270/connector/tn3270_adapter.h"

namespace omnihub::hub {

void RegisterBuiltinAdapters(omnihub::sdk::AdapterRegistry& registry) {
  // Each line: a connector type name as written in the config -> its factory.
  (void)registry.Register("reference", omnihub::reference::MakeReferenceAdapter);
  (void)registry.Register("http-json", omnihub::http_json::MakeHttpJsonAdapter);
  (void)registry.Register("http-xml", omnihub::http_xml::MakeHttpXmlAdapter);
  (void)registry.Register("tn3270", omnihub::tn3270::MakeTn3270Adapter);
  (void)registry.Register("odbc", omnihub::odbc::MakeOdbcAdapter);
  (void)registry.Register("poslog", omnihub::poslog::MakePoslogAdapter);
}

}  // namespace omnihub::hub
