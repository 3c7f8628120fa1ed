// The http-json connector's pieces without sockets: the HTTP status mapping, Link headers,
// credentials.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "adapters/http_json/credentials.h"
#include "adapters/http_json/fetch_call.h"
#include "adapters/http_json/response_status.h"

namespace omnihub::http_json {
namespace {

http::Response With(int status, std::string body, http::HeaderList headers = {}) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

TEST(ResponseStatusTest, HttpStatusesMapToTheAdapterContract) {
  const std::vector<std::pair<int, absl::StatusCode>> cases = {
      {200, absl::StatusCode::kOk},
      {201, absl::StatusCode::kOk},
      {404, absl::StatusCode::kNotFound},
      {400, absl::StatusCode::kInvalidArgument},
      {422, absl::StatusCode::kInvalidArgument},
      {401, absl::StatusCode::kFailedPrecondition},
      {403, absl::StatusCode::kFailedPrecondition},
      {429, absl::StatusCode::kUnavailable},
      {500, absl::StatusCode::kUnavailable},
      {503, absl::StatusCode::kUnavailable},
      {302, absl::StatusCode::kUnavailable},
      {405, absl::StatusCode::kUnavailable}};
  for (auto [status, code] : cases) {
    EXPECT_EQ(StatusOfResponse("shop", "get-customer", With(status, "{}")).code(), code) << status;
  }
  auto status = StatusOfResponse("shop", "list-orders", With(503, "overloaded\r\n\x01"));
  EXPECT_EQ(status.message(), "shop list-orders: HTTP 503: overloaded???");
}

TEST(ResponseStatusTest, NonJsonContentTypeIsDataLoss) {
  auto html = With(200, "<html>login</html>", {{"Content-Type", "text/html"}});
  EXPECT_EQ(StatusOfResponse("shop", "get-customer", html).code(), absl::StatusCode::kDataLoss);
  auto json = With(200, "{}", {{"content-type", "application/JSON; charset=utf-8"}});
  EXPECT_TRUE(StatusOfResponse("shop", "get-customer", json).ok());
  EXPECT_TRUE(StatusOfResponse("shop", "get-customer", With(200, "{}")).ok());
}

TEST(NextCursorTest, ReadsTheNextLinkOnly) {
  auto next = With(200, "", {{"Link", "<http://h/c.json?limit=5&page_info=c1%2Bx>; rel=\"next\""}});
  EXPECT_EQ(NextCursor(next, "page_info"), "c1+x");
  auto both = With(200, "",
                   {{"Link",
                     "<http://h/c.json?page_info=p0>; rel=\"previous\", "
                     "<http://h/c.json?page_info=n9>; rel=\"next\""}});
  EXPECT_EQ(NextCursor(both, "page_info"), "n9");
  auto previous = With(200, "", {{"Link", "<http://h/c.json?page_info=p0>; rel=\"previous\""}});
  EXPECT_EQ(NextCursor(previous, "page_info"), std::nullopt);
  EXPECT_EQ(NextCursor(With(200, ""), "page_info"), std::nullopt);
  for (const char* hostile : {"<", ">; rel=\"next\"", "<http://h/c.json?page_info=%zz>; rel=next",
                              "<http://h/c.json>; rel=next", "<http://h/?page_info=>; rel=next"}) {
    EXPECT_EQ(NextCursor(With(200, "", {{"Link", hostile}}), "page_info"), std::nullopt) << hostile;
  }
}

TEST(CredentialsTest, FromEnvironmentAndFileNeverEchoingTheValue) {
  ::setenv("OMNIHUB_TEST_KEY", "k-123", 1);
  const auto file = std::filesystem::path(::testing::TempDir()) / "omnihub-secret";
  std::ofstream(file) << "file-secret\n";
  mapping::engine::CredentialRef env{"api-key", "X-Api-Key", "OMNIHUB_TEST_KEY", ""};
  mapping::engine::CredentialRef from_file{"token", "X-Token", "", file.string()};
  auto headers = ResolveCredentials({env, from_file});
  ASSERT_TRUE(headers.ok()) << headers.status();
  EXPECT_EQ(*headers, (http::HeaderList{{"X-Api-Key", "k-123"}, {"X-Token", "file-secret"}}));

  ::setenv("OMNIHUB_TEST_KEY", "evil\r\nX-Admin: 1", 1);
  auto injected = ResolveCredentials({env});
  EXPECT_EQ(injected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(injected.status().message().find("evil"), std::string::npos);
  ::unsetenv("OMNIHUB_TEST_KEY");
  EXPECT_NE(ResolveCredentials({env}).status().message().find("OMNIHUB_TEST_KEY"),
            std::string::npos);
  from_file.file = "/nonexistent/omnihub/secret";
  EXPECT_EQ(ResolveCredentials({from_file}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AccountIdTest, HostileIdsAreRefusedBeforeAnyRequest) {
  EXPECT_TRUE(CheckAccountId("6108000123").ok());
  EXPECT_TRUE(CheckAccountId("' OR '1'='1").ok());  // sent percent-encoded; the backend judges
  for (const std::string& bad :
       {std::string(), std::string(257, '9'), std::string("a\0b", 3), std::string("a\r\nb")}) {
    EXPECT_EQ(CheckAccountId(bad).code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace omnihub::http_json
