// The corpus of broken configurations: every tests/config/bad/NAME.xml must be rejected with
// every line of NAME.expected appearing in the message, and every problem line must start with
// the file's path. Plus the cases that need a generated file.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "hub/config/hub_config.h"

namespace omnihub::hub {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> BadConfigNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(OMNIHUB_BAD_CONFIG_DIR)) {
    if (entry.path().extension() == ".xml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class BadConfigTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { unsetenv("OMNIHUB_TEST_UNSET_TOKEN"); }
};

TEST_P(BadConfigTest, IsRejectedWithEveryExpectedProblem) {
  const fs::path dir(OMNIHUB_BAD_CONFIG_DIR);
  const std::string path = (dir / (GetParam() + ".xml")).string();
  const auto started = std::chrono::steady_clock::now();
  testing::internal::CaptureStderr();
  auto config = LoadHubConfig(path);
  const std::string stderr_output = testing::internal::GetCapturedStderr();
  const auto elapsed = std::chrono::steady_clock::now() - started;

  ASSERT_FALSE(config.ok()) << path << " was accepted";
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(config.status().message());
  for (const std::string& expected : Lines(ReadFile(dir / (GetParam() + ".expected")))) {
    EXPECT_NE(message.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n"
                                                         << message;
  }
  for (const std::string& line : Lines(message)) {
    EXPECT_EQ(line.rfind(path + ":", 0), 0u) << "not prefixed with the path: " << line;
  }
  EXPECT_EQ(stderr_output, "") << "libxml2 must not print";
  EXPECT_LT(elapsed, std::chrono::seconds(1)) << "too slow: entity expansion?";
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadConfigTest, testing::ValuesIn(BadConfigNames()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

TEST(BadConfigCorpusTest, EveryConfigHasExpectations) {
  const fs::path dir(OMNIHUB_BAD_CONFIG_DIR);
  const auto names = BadConfigNames();
  EXPECT_GE(names.size(), 20u);
  for (const auto& name : names) {
    EXPECT_TRUE(fs::exists(dir / (name + ".expected"))) << name;
  }
}

TEST(BadConfigTest, InlineSecretValueIsNeverEchoed) {
  auto config = LoadHubConfig(std::string(OMNIHUB_BAD_CONFIG_DIR) + "/inline_secret.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("hunter2"), std::string::npos);
}

TEST(BadConfigTest, ExternalEntityIsNeverRead) {
  auto config = LoadHubConfig(std::string(OMNIHUB_BAD_CONFIG_DIR) + "/external_entity.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("root:"), std::string::npos);
}

TEST(BadConfigTest, MultipleProblemsAreAllReportedInLineOrder) {
  auto config = LoadHubConfig(std::string(OMNIHUB_BAD_CONFIG_DIR) + "/multiple_problems.xml");
  ASSERT_FALSE(config.ok());
  const auto lines = Lines(std::string(config.status().message()));
  EXPECT_EQ(lines.size(), 7u) << config.status().message();
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
    auto line_of = [](const std::string& text) {
      const size_t colon = text.find(".xml:") + 5;
      return std::stoi(text.substr(colon));
    };
    return line_of(a) < line_of(b);
  }));
}

TEST(BadConfigTest, MissingFileIsAClearNotFound) {
  auto config = LoadHubConfig("/nonexistent/omnihub/hubd.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(config.status().message(),
            "/nonexistent/omnihub/hubd.xml: cannot read the configuration file: No such file or "
            "directory");
}

TEST(BadConfigTest, DirectoryIsRejected) {
  auto config = LoadHubConfig(OMNIHUB_BAD_CONFIG_DIR);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("cannot read the configuration file"), std::string::npos)
      << config.status().message();
}

TEST(BadConfigTest, FileOverTheSizeLimitIsRejectedUnread) {
  const fs::path path = fs::path(testing::TempDir()) / "omnihub_oversize_hubd.xml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "<?xml version=\"1.0\"?>\n<hub xmlns=\"urn:omnihub:config:v1\">\n<!--";
    out << std::string(kMaxHubConfigBytes, 'x') << "-->\n</hub>\n";
  }
  auto config = LoadHubConfig(path.string());
  fs::remove(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(),
            path.string() +
                ": the file is larger than the 1024 KiB allowed for a configuration "
                "file");
}

TEST(BadConfigTest, TextOverTheSizeLimitIsRejectedByParse) {
  auto config = ParseHubConfig(std::string(kMaxHubConfigBytes + 1, ' '), "big.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("big.xml: the file is 1048577 bytes, more than the "
                                           "1024 KiB allowed"),
            std::string::npos)
      << config.status().message();
}

TEST(BadConfigTest, EmptyFileIsMalformed) {
  auto config = ParseHubConfig("", "empty.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("empty.xml"), std::string::npos);
  EXPECT_NE(config.status().message().find("malformed XML"), std::string::npos)
      << config.status().message();
}

TEST(BadConfigTest, ConcurrentLoadsKeepTheirOwnErrors) {
  const std::string dir = OMNIHUB_BAD_CONFIG_DIR;
  const std::vector<std::string> names = {"malformed", "unknown_attribute", "duplicate_adapter",
                                          "billion_laughs"};
  std::vector<std::string> reference;
  for (const auto& name : names) {
    reference.emplace_back(LoadHubConfig(dir + "/" + name + ".xml").status().message());
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      const size_t which = t % names.size();
      for (int i = 0; i < 50; ++i) {
        auto config = LoadHubConfig(dir + "/" + names[which] + ".xml");
        if (config.ok() || config.status().message() != reference[which]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t t = 0; t < mismatches.size(); ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace omnihub::hub
