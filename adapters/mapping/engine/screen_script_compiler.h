// Compiles the tn3270 parts of a mapping file into the data model of screen_script.h:
//
//   <screens>
//     <screen name="inquiry"><marker row="1" col="2" text="OMNI001"/></screen>
//     <error-screen code="UNAVAILABLE"><marker text="DFHAC2206"/></error-screen>
//   </screens>
//   <sign-on home-screen="menu" home-key="PF12"> steps, placeholders = credential names </sign-on>
//   <operation name="get-customer"><request><script> steps </script></request> ...
//
// Steps: <expect-screen name>, <wait-for text row col timeout-ms>, <type label|row+col value>,
// <press key>, <read name row col length>, <read-list first-row last-row lines-per-item>
// <column name line col length/>...</read-list>, <page key max-pages><until .../> steps </page>.
// Checks: screens named once and expected screens declared (did-you-mean), markers with both row
// and col or neither, positions on a 3270 screen (at most 43 rows, 132 columns; reads do not wrap),
// AID key names, placeholders known (did-you-mean), column names valid and read once, list areas a
// whole number of items, a <page> that reads a list.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "adapters/mapping/engine/mapping_xml.h"
#include "adapters/mapping/engine/screen_script.h"

namespace omnihub::mapping::engine {

// `root` is <system>; `credentials` the credential names sign-on values may use.
std::optional<ScreenCatalog> CompileScreenCatalog(const xmlNode* root,
                                                  const std::vector<std::string_view>& credentials,
                                                  const ProblemSink& problem);

// `script` is an operation's <script>; `parameters` the operation's request parameters.
std::optional<ScreenScript> CompileScreenScript(const xmlNode* script,
                                                const ScreenCatalog& catalog,
                                                const std::vector<std::string_view>& parameters,
                                                const ProblemSink& problem);

}  // namespace omnihub::mapping::engine
