// Every file in tests/mapping_engine/broken/ is a mapping an architect could get wrong. Its first
// line says what the compiler must answer: <!-- expect line N: message fragment -->.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::mapping::engine {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  int line = 0;
  std::string fragment;
};

Expectation ReadExpectation(const fs::path& path) {
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  static const std::regex kExpect(R"(<!-- expect line (\d+): (.*) -->)");
  std::smatch m;
  if (!std::regex_match(first, m, kExpect)) return {};
  return {std::stoi(m[1]), m[2]};
}

std::vector<std::string> BrokenFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(OMNIHUB_BROKEN_DIR)) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class BrokenMappingTest : public testing::TestWithParam<std::string> {};

TEST_P(BrokenMappingTest, ReportsTheExpectedProblemAtTheExpectedLine) {
  const fs::path path = fs::path(OMNIHUB_BROKEN_DIR) / GetParam();
  const Expectation expected = ReadExpectation(path);
  ASSERT_GT(expected.line, 0) << path << " lacks its <!-- expect line N: ... --> first line";

  const CompileResult result = CompileMappingFile(path.string());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.system, nullptr);
  const std::string location = path.string() + ":" + std::to_string(expected.line) + ":";
  bool found = false;
  for (const Diagnostic& d : result.diagnostics) {
    const std::string text = d.ToString();
    found = found ||
            (text.rfind(location, 0) == 0 && text.find(expected.fragment) != std::string::npos);
  }
  EXPECT_TRUE(found) << "expected " << location << " ... " << expected.fragment << "\ngot:\n"
                     << FormatDiagnostics(result.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BrokenMappingTest, testing::ValuesIn(BrokenFiles()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.size() - 4);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(BrokenCorpus, IsNotEmpty) { EXPECT_GE(BrokenFiles().size(), 10u); }

}  // namespace
}  // namespace omnihub::mapping::engine
