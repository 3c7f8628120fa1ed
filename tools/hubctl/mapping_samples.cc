#include "tools/hubctl/mapping_samples.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/engine/json_mapper.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "tools/hubctl/mapping_csv.h"
#include "tools/hubctl/mapping_screen_replay.h"

namespace omnihub::hubctl {
namespace {

namespace fs = std::filesystem;
namespace engine = mapping::engine;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using Records = std::vector<std::unique_ptr<Message>>;

// Recorded payloads are bounded like the mappers' own inputs.
constexpr uintmax_t kMaxSampleBytes = 16u << 20;

std::string InputExtension(const std::string& connector) {
  if (connector == "http-json") return "json";
  if (connector == "odbc") return "csv";
  if (connector == "tn3270") return "screens";
  if (connector == "http-xml" || connector == "poslog") return "xml";
  return "";
}

absl::StatusOr<std::string> ReadSample(const fs::path& path) {
  std::error_code error;
  const uintmax_t size = fs::file_size(path, error);
  if (error)
    return absl::NotFoundError(absl::StrCat("cannot read ", path.string(), ": ", error.message()));
  if (size > kMaxSampleBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), " is ", size, " bytes; samples are at most ", kMaxSampleBytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return absl::NotFoundError("cannot read " + path.string());
  return text.str();
}

// One sample: an input and its expected result, plus child tables for odbc.
struct SampleFiles {
  std::string operation;
  fs::path input;
  std::vector<fs::path> expected;
  std::map<std::string, fs::path> children;  // by statement name
};

const Message& Prototype(const Descriptor* descriptor) {
  return *google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
}

// The repeated field of `list` holding `record`s ("orders" in ListOrdersResponse), or null.
const FieldDescriptor* ListField(const Descriptor* list, const Descriptor* record) {
  const FieldDescriptor* found = nullptr;
  for (int i = 0; i < list->field_count(); ++i) {
    const FieldDescriptor* f = list->field(i);
    if (f->is_repeated() && f->message_type() == record) {
      if (found) return nullptr;  // ambiguous
      found = f;
    }
  }
  return found;
}

class LineErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (text_.empty()) text_ = absl::StrCat("line ", line + 1, ":", column + 1, ": ", message);
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

struct Expected {
  Records records;
  bool single = false;
};

absl::StatusOr<Expected> LoadExpectedText(const std::string& text, const Descriptor* record) {
  const std::string header = "# proto-message: ";
  const Descriptor* type = record;
  if (text.rfind(header, 0) == 0) {
    const std::string name = std::string(
        absl::StripAsciiWhitespace(text.substr(header.size(), text.find('\n') - header.size())));
    type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(name);
    if (type == nullptr) return absl::InvalidArgumentError("unknown message " + name);
  }
  std::unique_ptr<Message> message(Prototype(type).New());
  google::protobuf::TextFormat::Parser parser;
  LineErrors errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, message.get())) {
    return absl::InvalidArgumentError(errors.text());
  }
  Expected expected;
  if (type == record) {
    expected.single = true;
    expected.records.push_back(std::move(message));
    return expected;
  }
  const FieldDescriptor* list = ListField(type, record);
  if (list == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(type->full_name(), " is neither ",
                                                   record->full_name(), " nor a list of them"));
  }
  const auto* reflection = message->GetReflection();
  for (int i = 0; i < reflection->FieldSize(*message, list); ++i) {
    std::unique_ptr<Message> item(Prototype(record).New());
    item->CopyFrom(reflection->GetRepeatedMessage(*message, list, i));
    expected.records.push_back(std::move(item));
  }
  return expected;
}

absl::StatusOr<Expected> LoadExpectedJson(const std::string& text, const Descriptor* record) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return absl::InvalidArgumentError("not valid JSON");
  if (!json.is_object() && !json.is_array()) {
    return absl::InvalidArgumentError("expected a JSON object (one record) or an array of them");
  }
  Expected expected;
  expected.single = json.is_object();
  const std::vector<nlohmann::json> items = json.is_object()
                                                ? std::vector<nlohmann::json>{json}
                                                : json.get<std::vector<nlohmann::json>>();
  for (size_t i = 0; i < items.size(); ++i) {
    std::unique_ptr<Message> item(Prototype(record).New());
    const auto status = google::protobuf::util::JsonStringToMessage(items[i].dump(), item.get());
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          expected.single ? "" : absl::StrCat("record ", i + 1, ": "), status.ToString()));
    }
    expected.records.push_back(std::move(item));
  }
  return expected;
}

absl::StatusOr<engine::TableSet> LoadTables(const engine::CompiledSystem& system,
                                            const engine::CompiledOperation& op,
                                            const SampleFiles& sample, const std::string& input) {
  engine::TableSet tables;
  if (system.connector == "tn3270") {
    absl::StatusOr<std::vector<RecordedScreen>> screens = ParseRecordedScreens(input);
    if (!screens.ok()) return screens.status();
    absl::StatusOr<engine::Table> table = ReplayScript(system.screens, op.script, *screens);
    if (!table.ok()) return table.status();
    tables.main = *std::move(table);
    return tables;
  }
  absl::StatusOr<engine::Table> main = ParseCsvTable(input);
  if (!main.ok()) return main.status();
  tables.main = *std::move(main);
  for (const auto& [statement, path] : sample.children) {
    absl::StatusOr<std::string> text = ReadSample(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<engine::Table> child = ParseCsvTable(*text);
    if (!child.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.filename().string(), ": ", child.status().message()));
    }
    tables.children[statement] = *std::move(child);
  }
  return tables;
}

absl::StatusOr<Records> MapSample(const engine::CompiledSystem& system,
                                  const engine::CompiledOperation& op, const SampleFiles& sample,
                                  const std::string& input, bool single) {
  Records records;
  const auto add = [&]() -> Message* {
    records.emplace_back(Prototype(op.record).New());
    return records.back().get();
  };
  absl::Status status;
  if (system.connector == "http-json") {
    status = single ? engine::MapRecord(op, input, *add()) : engine::MapRecords(op, input, add);
  } else if (system.connector == "http-xml" || system.connector == "poslog") {
    // Read as the connector reads it (streamed when the operation can be, a tree otherwise),
    // the answer's own result code first (poslog: none).
    absl::StatusOr<engine::XmlAnswer> answer = engine::ReadXmlAnswer(op, input);
    if (!answer.ok()) return answer.status();
    if (absl::Status result = engine::CheckXmlResult(system, op.name, *answer); !result.ok()) {
      return result;
    }
    status = single ? engine::MapXmlRecord(system, op, *answer, *add())
                    : engine::MapXmlRecords(system, op, *answer, add);
  } else {
    absl::StatusOr<engine::TableSet> tables = LoadTables(system, op, sample, input);
    if (!tables.ok()) return tables.status();
    status =
        single ? engine::MapTableRecord(op, *tables, *add()) : engine::MapTable(op, *tables, add);
  }
  if (!status.ok()) return status;
  return records;
}

std::string Diff(const Expected& expected, const Records& actual) {
  std::string diff;
  if (expected.records.size() != actual.size()) {
    absl::StrAppend(&diff, "expected ", expected.records.size(), " records, the mapping gave ",
                    actual.size(), "\n");
  }
  for (size_t i = 0; i < std::min(expected.records.size(), actual.size()); ++i) {
    google::protobuf::util::MessageDifferencer differencer;
    std::string report;
    differencer.ReportDifferencesToString(&report);
    if (differencer.Compare(*expected.records[i], *actual[i])) continue;
    for (absl::string_view line : absl::StrSplit(report, '\n', absl::SkipEmpty())) {
      absl::StrAppend(&diff, expected.single ? "" : absl::StrCat("record ", i + 1, ": "), line,
                      "\n");
    }
  }
  return diff;
}

std::string ActualText(const Records& records, bool single) {
  std::string text;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!single) absl::StrAppend(&text, "# record ", i + 1, "\n");
    std::string one;
    google::protobuf::TextFormat::PrintToString(*records[i], &one);
    text += one;
  }
  return text;
}

// A sample that must fail: the expected file holds a status code name and, optionally, a
// fragment of the message ("NOT_FOUND OMN0404E").
SampleResult ExpectError(const engine::CompiledSystem& system, const engine::CompiledOperation& op,
                         const SampleFiles& sample, const std::string& input,
                         const std::string& expected_text, SampleResult result) {
  const std::string text(absl::StripAsciiWhitespace(expected_text));
  const std::string code_name = text.substr(0, text.find_first_of(" \t\n"));
  const std::string fragment(
      absl::StripAsciiWhitespace(text.substr(std::min(text.size(), code_name.size()))));
  std::optional<absl::StatusCode> code;
  for (int c = 1; c <= 16; ++c) {
    if (absl::StatusCodeToString(static_cast<absl::StatusCode>(c)) == code_name) {
      code = static_cast<absl::StatusCode>(c);
    }
  }
  if (!code) {
    result.detail = sample.expected.front().filename().string() +
                    ": the first word must be a status code (NOT_FOUND, UNAVAILABLE, "
                    "FAILED_PRECONDITION, INVALID_ARGUMENT, ...), not '" +
                    code_name + "'";
    return result;
  }
  absl::StatusOr<Records> actual = MapSample(system, op, sample, input, /*single=*/false);
  if (actual.ok()) {
    result.actual = ActualText(*actual, /*single=*/false);
    result.detail = absl::StrCat("expected the error ", code_name, ", the mapping gave ",
                                 actual->size(), " record(s)");
    return result;
  }
  const std::string message(actual.status().message());
  if (actual.status().code() != *code || message.find(fragment) == std::string::npos) {
    result.detail = absl::StrCat("expected the error ", code_name,
                                 fragment.empty() ? "" : " with '" + fragment + "'", ", got ",
                                 absl::StatusCodeToString(actual.status().code()), ": ", message);
    return result;
  }
  result.outcome = SampleResult::Outcome::kPassed;
  return result;
}

SampleResult RunOne(const engine::CompiledSystem& system, const SampleFiles& sample) {
  SampleResult result{
      system.name, sample.operation, sample.input, SampleResult::Outcome::kFailed, "", ""};
  const engine::CompiledOperation* op = system.FindOperation(sample.operation);
  if (op == nullptr) {
    std::vector<std::string> names;
    for (const auto& [name, unused] : system.operations) names.push_back(name);
    result.detail =
        absl::StrCat("system ", system.name, " has no operation '", sample.operation, "' (it has ",
                     absl::StrJoin(names, ", "), "): name the sample after one of them");
    return result;
  }
  if (!op->has_response) {
    result.detail = "operation " + sample.operation + " has no <response> to map";
    return result;
  }
  if (sample.input.empty()) {
    result.file = sample.expected.front();
    result.detail = "an expected result without a recorded input (" +
                    InputExtension(system.connector) + ") beside it";
    return result;
  }
  absl::StatusOr<std::string> input = ReadSample(sample.input);
  if (sample.expected.size() != 1) {
    const std::string base = sample.input.stem().string();
    result.detail = sample.expected.empty()
                        ? "no expected result: write " + base +
                              ".expected.txtpb (or .json, or .expected-error.txt); --actual "
                              "shows what the mapping gives"
                        : "two expected results (" + base + ".expected.txtpb and .json): keep one";
    if (input.ok() && sample.expected.empty()) {
      absl::StatusOr<Records> actual = MapSample(system, *op, sample, *input, /*single=*/false);
      result.actual = actual.ok()
                          ? ActualText(*actual, /*single=*/false)
                          : "# the mapping failed: " + std::string(actual.status().message());
    }
    return result;
  }
  const fs::path& expected_path = sample.expected.front();
  absl::StatusOr<std::string> expected_text = ReadSample(expected_path);
  if (!input.ok() || !expected_text.ok()) {
    result.detail = std::string((input.ok() ? expected_text.status() : input.status()).message());
    return result;
  }
  if (expected_path.filename().string().ends_with(".expected-error.txt")) {
    return ExpectError(system, *op, sample, *input, *expected_text, std::move(result));
  }
  absl::StatusOr<Expected> expected = expected_path.extension() == ".json"
                                          ? LoadExpectedJson(*expected_text, op->record)
                                          : LoadExpectedText(*expected_text, op->record);
  if (!expected.ok()) {
    result.detail =
        absl::StrCat(expected_path.filename().string(), ": ", expected.status().message());
    return result;
  }
  absl::StatusOr<Records> actual = MapSample(system, *op, sample, *input, expected->single);
  if (!actual.ok()) {
    result.detail =
        absl::StrCat("the mapping failed (", absl::StatusCodeToString(actual.status().code()),
                     "): ", actual.status().message());
    return result;
  }
  result.actual = ActualText(*actual, expected->single);
  result.detail = Diff(*expected, *actual);
  if (result.detail.empty()) result.outcome = SampleResult::Outcome::kPassed;
  return result;
}

// Sorts the files of one folder into samples; files it cannot place become failed results.
void Collect(const fs::path& folder, const std::string& operation_or_empty,
             const engine::CompiledSystem& system, std::map<fs::path, SampleFiles>& samples,
             std::vector<SampleResult>& results) {
  const std::string input_ext = InputExtension(system.connector);
  std::vector<fs::path> entries;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& path : entries) {
    const std::string name = path.filename().string();
    if (fs::is_directory(path, error)) {
      if (operation_or_empty.empty()) Collect(path, name, system, samples, results);
      continue;
    }
    if (name.starts_with(".") || name == "README.md") continue;
    const size_t dot = name.find('.');
    const std::string base = name.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : name.substr(dot + 1);
    SampleFiles& sample = samples[folder / base];
    sample.operation = operation_or_empty.empty() ? base : operation_or_empty;
    if (rest == input_ext) {
      sample.input = path;
    } else if (rest == "expected.txtpb" || rest == "expected.json" ||
               rest == "expected-error.txt") {
      sample.expected.push_back(path);
    } else if (system.connector == "odbc" && rest.ends_with(".csv") &&
               rest.find('.') == rest.size() - 4) {
      sample.children[rest.substr(0, rest.size() - 4)] = path;
    } else {
      results.push_back({system.name, sample.operation, path, SampleResult::Outcome::kFailed,
                         "not a sample file: expected <name>." + input_ext +
                             ", <name>.expected.txtpb, <name>.expected.json or "
                             "<name>.expected-error.txt" +
                             (system.connector == "odbc" ? ", <name>.<statement>.csv" : ""),
                         ""});
    }
  }
}

}  // namespace

std::vector<SampleResult> RunSystemSamples(const CheckedSystem& checked) {
  std::vector<SampleResult> results;
  const fs::path dir = SamplesDirFor(checked.file);
  std::error_code error;
  if (!fs::is_directory(dir, error)) return results;
  const engine::CompiledSystem& system = *checked.system;
  if (InputExtension(system.connector).empty()) {
    results.push_back({system.name, "", dir, SampleResult::Outcome::kSkipped,
                       "no sample runner for connector " + system.connector + " yet", ""});
    return results;
  }
  std::map<fs::path, SampleFiles> samples;
  Collect(dir, "", system, samples, results);
  for (const auto& [base, sample] : samples) {
    if (sample.input.empty() && sample.expected.empty()) {
      results.push_back({system.name, sample.operation, sample.children.begin()->second,
                         SampleResult::Outcome::kFailed,
                         "child rows without the main rows (" + base.filename().string() + "." +
                             InputExtension(system.connector) + ")",
                         ""});
      continue;
    }
    results.push_back(RunOne(system, sample));
  }
  return results;
}

std::vector<SampleResult> RunGoldenSamples(const CheckReport& checked) {
  std::vector<SampleResult> results;
  for (const CheckedSystem& system : checked.systems) {
    std::vector<SampleResult> some = RunSystemSamples(system);
    std::move(some.begin(), some.end(), std::back_inserter(results));
  }
  return results;
}

}  // namespace omnihub::hubctl
