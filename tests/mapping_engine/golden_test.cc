// Golden samples: every mappings/systems/<name>/samples/<operation>.json (or .xml, for http-xml
// and poslog systems; XML cases also as samples/<operation>/<case>.xml) is mapped with
// mappings/systems/<name>.xml and compared with <operation>.expected.txtpb (its first line names
// the message: "# proto-message: omnihub.v1.ListOrdersResponse"). A mismatch prints a field-level
// diff.
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/mapping/engine/json_mapper.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::mapping::engine {
namespace {

namespace fs = std::filesystem;
using google::protobuf::Message;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Sample {
  fs::path mapping;
  fs::path json;
  std::string operation;
  std::string case_name;  // samples/<operation>/<case>.xml
};

void PrintTo(const Sample& sample, std::ostream* os) { *os << sample.json.string(); }

std::vector<Sample> Samples() {
  std::vector<Sample> samples;
  const fs::path systems = fs::path(OMNIHUB_MAPPINGS_DIR) / "systems";
  for (const auto& entry : fs::directory_iterator(systems)) {
    if (entry.path().extension() != ".xml") continue;
    const fs::path dir = systems / entry.path().stem() / "samples";
    if (!fs::is_directory(dir)) continue;
    for (const auto& sample : fs::directory_iterator(dir)) {
      if (sample.is_directory()) {  // samples/<operation>/<case>.<input>
        for (const auto& one : fs::directory_iterator(sample.path())) {
          fs::path expected = one.path();
          expected.replace_extension(".expected.txtpb");
          if (one.path().extension() != ".xml" || !fs::exists(expected)) continue;
          samples.push_back({entry.path(), one.path(), sample.path().filename().string(),
                             one.path().stem().string()});
        }
        continue;
      }
      if (sample.path().extension() != ".json" && sample.path().extension() != ".xml") continue;
      samples.push_back({entry.path(), sample.path(), sample.path().stem().string(), ""});
    }
  }
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) { return a.json < b.json; });
  return samples;
}

class GoldenSampleTest : public testing::TestWithParam<Sample> {};

TEST_P(GoldenSampleTest, MapsToTheExpectedCanonicalMessage) {
  const Sample& sample = GetParam();
  const CompileResult compiled = CompileMappingFile(sample.mapping.string());
  ASSERT_TRUE(compiled.ok()) << FormatDiagnostics(compiled.diagnostics);
  const CompiledOperation* op = compiled.system->FindOperation(sample.operation);
  ASSERT_NE(op, nullptr) << sample.mapping << " has no operation '" << sample.operation << "'";

  fs::path expected_path = sample.json;
  expected_path.replace_extension(".expected.txtpb");
  const std::string expected_text = Slurp(expected_path);
  const std::string header = "# proto-message: ";
  ASSERT_EQ(expected_text.rfind(header, 0), 0u) << expected_path << " must start with " << header;
  const std::string type =
      expected_text.substr(header.size(), expected_text.find('\n') - header.size());
  const google::protobuf::Descriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  ASSERT_NE(descriptor, nullptr) << "unknown message " << type;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
  std::unique_ptr<Message> expected(prototype->New());
  std::unique_ptr<Message> actual(prototype->New());
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(expected_text, expected.get()))
      << expected_path;

  const std::string json = Slurp(sample.json);
  const bool xml = sample.json.extension() == ".xml";
  // One record of the operation's type, or a list of them in a message holding such a list.
  auto map_one = [&]() -> absl::Status {
    if (!xml) return MapRecord(*op, json, *actual);
    absl::StatusOr<xml::XmlDocPtr> doc = ParseXmlAnswer(json);
    if (!doc.ok()) return doc.status();
    if (absl::Status s = CheckXmlResult(*compiled.system, op->name, **doc); !s.ok()) return s;
    return MapXmlRecord(*compiled.system, *op, **doc, *actual);
  };
  auto map_all = [&](const std::function<Message*()>& add) -> absl::Status {
    if (!xml) return MapRecords(*op, json, add);
    absl::StatusOr<xml::XmlDocPtr> doc = ParseXmlAnswer(json);
    if (!doc.ok()) return doc.status();
    if (absl::Status s = CheckXmlResult(*compiled.system, op->name, **doc); !s.ok()) return s;
    return MapXmlRecords(*compiled.system, *op, **doc, add);
  };
  if (descriptor == op->record) {
    const absl::Status status = map_one();
    ASSERT_TRUE(status.ok()) << status;
  } else {
    const google::protobuf::FieldDescriptor* list = nullptr;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const auto* f = descriptor->field(i);
      if (f->is_repeated() && f->message_type() == op->record) list = f;
    }
    ASSERT_NE(list, nullptr) << type << " has no list of " << op->record->full_name();
    const absl::Status status = map_all(
        [&]() -> Message* { return actual->GetReflection()->AddMessage(actual.get(), list); });
    ASSERT_TRUE(status.ok()) << status;
  }

  google::protobuf::util::MessageDifferencer differencer;
  std::string diff;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(*expected, *actual))
      << sample.json << " does not map to " << expected_path << ":\n"
      << diff << "\nactual:\n"
      << actual->DebugString();
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenSampleTest, testing::ValuesIn(Samples()),
                         [](const testing::TestParamInfo<Sample>& param_info) {
                           std::string name = param_info.param.mapping.stem().string() + "_" +
                                              param_info.param.operation;
                           if (!param_info.param.case_name.empty()) {
                             name += "_" + param_info.param.case_name;
                           }
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(GoldenSamples, Exist) { EXPECT_GE(Samples().size(), 2u); }

}  // namespace
}  // namespace omnihub::mapping::engine
