// The credential reader every connector uses: values from the environment and from files, and
// refusals that name the credential and its source but never echo the value.
#include "adapters/mapping/engine/credential_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace omnihub::mapping::engine {
namespace {

std::filesystem::path SecretFile(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(CredentialReaderTest, ReadsTheEnvironmentAndFilesWithoutTheirTrailingNewline) {
  ::setenv("OMNIHUB_TEST_USER", "CSR0001", 1);
  const auto file = SecretFile("omnihub-password", "OMNIHUB\r\n");
  auto values =
      ReadCredentials({{"user", "", "OMNIHUB_TEST_USER", ""}, {"password", "", "", file.string()}});
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)["user"], "CSR0001");
  EXPECT_EQ((*values)["password"], "OMNIHUB");
  ::unsetenv("OMNIHUB_TEST_USER");
}

TEST(CredentialReaderTest, RefusalsNameTheSourceAndNeverTheValue) {
  const CredentialRef from_env{"api-key", "X-Api-Key", "OMNIHUB_TEST_SECRET", ""};
  ::unsetenv("OMNIHUB_TEST_SECRET");
  auto unset = ReadCredentials({from_env});
  EXPECT_EQ(unset.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unset.status().message().find("OMNIHUB_TEST_SECRET"), std::string::npos);
  EXPECT_NE(unset.status().message().find("api-key"), std::string::npos);

  ::setenv("OMNIHUB_TEST_SECRET", "s3cret\r\nX-Admin: 1", 1);
  auto injected = ReadCredentials({from_env});
  EXPECT_EQ(injected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(injected.status().message().find("s3cret"), std::string::npos);

  ::setenv("OMNIHUB_TEST_SECRET", std::string(5000, 'k').c_str(), 1);
  auto too_long = ReadCredentials({from_env});
  EXPECT_NE(too_long.status().message().find("longer than 4096"), std::string::npos);
  EXPECT_TRUE(ReadCredentials({from_env}, {.max_bytes = 8192}).ok());
  ::unsetenv("OMNIHUB_TEST_SECRET");

  const CredentialRef missing{"password", "", "", "/nonexistent/omnihub/secret"};
  auto unreadable = ReadCredentials({missing});
  EXPECT_EQ(unreadable.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unreadable.status().message().find("/nonexistent/omnihub/secret"), std::string::npos);
  const auto empty = SecretFile("omnihub-empty", "\n");
  EXPECT_EQ(ReadCredentials({{"password", "", "", empty.string()}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  const auto huge = SecretFile("omnihub-huge", std::string(100000, 'x'));
  EXPECT_NE(
      ReadCredentials({{"password", "", "", huge.string()}}).status().message().find("longer than"),
      std::string::npos);
}

}  // namespace
}  // namespace omnihub::mapping::engine
