// Golden samples for `hubctl mappings test`: recorded backend payloads beside each system file,
// each with the canonical result it must map to. Layout (mappings/README.md, "Golden samples"):
//
//   systems/<system>/samples/<operation>.<input>              one sample of an operation
//   systems/<system>/samples/<operation>/<case>.<input>       several samples of an operation
//   ... <base>.expected.txtpb | <base>.expected.json          the canonical result
//   ... <base>.expected-error.txt                             or the error it must give
//   ... <base>.<statement>.csv                                (odbc) a child statement's rows
//
// <input> by connector: http-json `json` (the response body); odbc `csv` (the main statement's
// rows, mapping_csv.h); tn3270 `screens` (the recorded screens, mapping_screen_replay.h);
// http-xml `xml` (the answer body, read through the system's <result> rule first, as the
// connector reads it).
// An expected .txtpb may start with "# proto-message: omnihub.v1.ListOrdersResponse" (a list of
// records) or name the record type; without that line it is one record. An expected .json is
// protobuf's JSON form of one record, or an array of records. An expected error is a status
// code name and, optionally, a fragment of the message: "NOT_FOUND OMN0404E".
//
// Thread-safety: plain functions; the compiled systems are shared read-only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/hubctl/mapping_check.h"

namespace omnihub::hubctl {

struct SampleResult {
  enum class Outcome { kPassed, kFailed, kSkipped };
  std::string system;
  std::string operation;
  // The sample's input file (or, for a problem with the folder, the file concerned).
  std::filesystem::path file;
  Outcome outcome = Outcome::kFailed;
  // Failed: what is wrong (a field-level diff: "modified: email: \"a\" -> \"b\"", one per
  // line, expected -> actual). Skipped: why.
  std::string detail;
  // The canonical records the mapping gave, as protobuf text (empty when mapping failed).
  std::string actual;
};

// Finds and runs every sample of `system` (compiled from `file`). A system without a samples
// folder gives no result.
std::vector<SampleResult> RunSystemSamples(const CheckedSystem& system);

// Every sample of every system that compiled.
std::vector<SampleResult> RunGoldenSamples(const CheckReport& checked);

}  // namespace omnihub::hubctl
