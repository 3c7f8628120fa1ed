// TLS to the host: the mainframe simulator serves TLS with a certificate made at test time by the
// `openssl` command line (a test CA signing a certificate for 127.0.0.1); the tn3270 connector,
// verifying with that CA (setting tls_ca), signs on and reads Jane Doe; verifying with another CA
// it fails with UNAVAILABLE naming certificate verification; a plain-TCP connector to the TLS
// host fails too (never talks 3270 in the clear to a TLS port).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "mainframe_adapter.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RunningSim;

namespace fs = std::filesystem;

// A directory with ca.pem (the test CA), other-ca.pem (a CA that signed nothing here), and
// server.pem / server.key (127.0.0.1 and localhost, signed by ca.pem); removed on destruction.
class TestCertificates {
 public:
  TestCertificates()
      : dir_(fs::temp_directory_path() / ("omnihub-tn3270-tls-" + std::to_string(getpid()))) {
    fs::create_directories(dir_);
    std::ofstream(dir_ / "server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    const std::string d = dir_.string();
    const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    ok_ = Run("openssl req -x509" + key + " -keyout " + d + "/ca.key -out " + d +
              "/ca.pem -days 2 -subj /CN=omnihub-test-ca") &&
          Run("openssl req -x509" + key + " -keyout " + d + "/other-ca.key -out " + d +
              "/other-ca.pem -days 2 -subj /CN=omnihub-other-ca") &&
          Run("openssl req" + key + " -keyout " + d + "/server.key -out " + d +
              "/server.csr -subj /CN=127.0.0.1") &&
          Run("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
              "/ca.key -CAcreateserial -out " + d + "/server.pem -days 2 -extfile " + d +
              "/server.ext");
  }
  ~TestCertificates() { fs::remove_all(dir_); }

  bool ok() const { return ok_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  bool Run(const std::string& command) {
    return std::system((command + " >" + (dir_ / "openssl.log").string() + " 2>&1").c_str()) == 0;
  }

  fs::path dir_;
  bool ok_ = false;
};

absl::StatusOr<sdk::SourceData> FetchJane(sdk::Adapter& adapter) {
  return testing::FetchProfile(adapter, testing::kDemoAccount);
}

absl::StatusOr<std::unique_ptr<sdk::Adapter>> Make(IoThreads& io, std::uint16_t port,
                                                   std::map<std::string, std::string> settings) {
  settings["pool_size"] = "1";
  return testing::MakeMainframeAdapter(io.executor(), port, std::move(settings));
}

class Tn3270Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("openssl version >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "the openssl command line is not installed";
    }
    ASSERT_TRUE(certificates_.ok()) << "openssl could not make the test certificates";
    sim_ = std::make_unique<RunningSim>(
        testing::SimWorld(),
        mainframe_sim::ServerOptions{.host = "127.0.0.1",
                                     .port = 0,
                                     .tls_certificate_file = certificates_.path("server.pem"),
                                     .tls_private_key_file = certificates_.path("server.key")});
  }

  TestCertificates certificates_;
  IoThreads io_{2};
  std::unique_ptr<RunningSim> sim_;
};

TEST_F(Tn3270Tls, WithTheRightCaTheConnectorSignsOnAndReadsACustomer) {
  auto adapter =
      Make(io_, sim_->port(), {{"tls", "true"}, {"tls_ca", certificates_.path("ca.pem")}});
  ASSERT_TRUE(adapter.ok()) << adapter.status();
  const auto jane = FetchJane(**adapter);
  ASSERT_TRUE(jane.ok()) << jane.status();
  ASSERT_TRUE(jane->profile.has_value());
  EXPECT_EQ(jane->profile->family_name(), "Doe");
}

TEST_F(Tn3270Tls, WithAnotherCaItIsUnavailableNamingCertificateVerification) {
  auto adapter =
      Make(io_, sim_->port(), {{"tls", "true"}, {"tls_ca", certificates_.path("other-ca.pem")}});
  ASSERT_TRUE(adapter.ok()) << adapter.status();
  const auto refused = FetchJane(**adapter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable) << refused.status();
  EXPECT_NE(refused.status().message().find("certificate verification failed"), std::string::npos)
      << refused.status();
  EXPECT_NE(refused.status().message().find("tls_ca"), std::string::npos) << refused.status();
}

TEST_F(Tn3270Tls, VerificationIsOnByDefault) {
  // No tls_ca: the system's CAs, which do not know the test CA.
  auto adapter = Make(io_, sim_->port(), {{"tls", "true"}});
  ASSERT_TRUE(adapter.ok()) << adapter.status();
  const auto refused = FetchJane(**adapter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(refused.status().message().find("certificate verification failed"), std::string::npos)
      << refused.status();
}

TEST_F(Tn3270Tls, PlainTcpToTheTlsHostFails) {
  auto adapter = Make(io_, sim_->port(), {{"tls", "false"}, {"connect_timeout_ms", "1000"}});
  ASSERT_TRUE(adapter.ok()) << adapter.status();
  const auto refused = FetchJane(**adapter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable) << refused.status();
}

}  // namespace
}  // namespace omnihub::tn3270
