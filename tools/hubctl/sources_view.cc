// The per-source status table.
#include "tools/hubctl/sources_view.h"

#include "tools/hubctl/format.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {

void PrintSources(std::ostream& out,
                  const google::protobuf::RepeatedPtrField<v1::SourceStatus>& sources) {
  out << "\nSources\n";
  if (sources.empty()) {
    out << "  (none reported)\n";
    return;
  }
  Table table({"SYSTEM", "STATE", "AS OF", "LATENCY", "DETAIL"});
  for (const auto& source : sources) {
    table.AddRow({source.system(), EnumLabel(v1::SourceState_Name(source.state()), "SOURCE_STATE_"),
                  FormatTimestamp(source.as_of()), FormatDuration(source.latency()),
                  source.detail()});
  }
  table.Print(out);
}

}  // namespace omnihub::hubctl
