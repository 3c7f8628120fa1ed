// ParseListenAddress: accepted forms, rejected forms, loopback detection.
#include "hub/config/listen_address.h"

#include <gtest/gtest.h>

#include <ostream>

namespace omnihub::hub {
namespace {

struct GoodCase {
  const char* text;
  const char* host;
  uint16_t port;
  bool loopback;
  const char* round_trip;
  friend void PrintTo(const GoodCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }
};

class ListenAddressGoodTest : public testing::TestWithParam<GoodCase> {};

TEST_P(ListenAddressGoodTest, Parses) {
  const GoodCase& c = GetParam();
  auto address = ParseListenAddress(c.text);
  ASSERT_TRUE(address.ok()) << c.text << ": " << address.status();
  EXPECT_EQ(address->host, c.host);
  EXPECT_EQ(address->port, c.port);
  EXPECT_EQ(address->IsLoopback(), c.loopback);
  EXPECT_EQ(address->ToString(), c.round_trip);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ListenAddressGoodTest,
    testing::Values(GoodCase{"127.0.0.1:9464", "127.0.0.1", 9464, true, "127.0.0.1:9464"},
                    GoodCase{"127.1.2.3:1", "127.1.2.3", 1, true, "127.1.2.3:1"},
                    GoodCase{"localhost:0", "localhost", 0, true, "localhost:0"},
                    GoodCase{"0.0.0.0:50051", "0.0.0.0", 50051, false, "0.0.0.0:50051"},
                    GoodCase{"192.0.2.10:65535", "192.0.2.10", 65535, false, "192.0.2.10:65535"},
                    GoodCase{"[::1]:9464", "::1", 9464, true, "[::1]:9464"},
                    GoodCase{"[::]:80", "::", 80, false, "[::]:80"},
                    GoodCase{"[2001:db8::5]:443", "2001:db8::5", 443, false, "[2001:db8::5]:443"}));

struct BadCase {
  const char* text;
  const char* fragment;
  friend void PrintTo(const BadCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }
};

class ListenAddressBadTest : public testing::TestWithParam<BadCase> {};

TEST_P(ListenAddressBadTest, IsRejectedWithReason) {
  const BadCase& c = GetParam();
  auto address = ParseListenAddress(c.text);
  ASSERT_FALSE(address.ok()) << c.text;
  EXPECT_EQ(address.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(address.status().message().find(c.fragment), std::string::npos)
      << c.text << " -> " << address.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Table, ListenAddressBadTest,
    testing::Values(BadCase{"", "has no port"}, BadCase{"127.0.0.1", "has no port"},
                    BadCase{"127.0.0.1:", "has port ''"},
                    BadCase{"127.0.0.1:65536", "has port '65536'"},
                    BadCase{"127.0.0.1:-1", "has port '-1'"},
                    BadCase{"127.0.0.1:http", "has port 'http'"},
                    BadCase{"127.0.0.1:0000080", "has port '0000080'"},
                    BadCase{":9464", "has no host"}, BadCase{"example.com:80", "not an IP address"},
                    BadCase{"256.1.1.1:80", "not an IP address"},
                    BadCase{"::1:9464", "must put an IPv6 address in brackets"},
                    BadCase{"[::1:9464", "unclosed '['"}, BadCase{"[::1]9464", "no port after"},
                    BadCase{"[127.0.0.1]:80", "not an IPv6 address"}));

}  // namespace
}  // namespace omnihub::hub
