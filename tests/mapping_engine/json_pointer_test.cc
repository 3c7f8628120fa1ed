#include "adapters/mapping/engine/json_pointer.h"

#include <gtest/gtest.h>

namespace omnihub::mapping::engine {
namespace {

std::string At(std::string_view pointer, const std::string& json) {
  absl::StatusOr<JsonPointer> p = JsonPointer::Parse(pointer);
  EXPECT_TRUE(p.ok()) << p.status();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  std::optional<simdjson::dom::element> found = p->Evaluate(doc);
  if (!found) return "<missing>";
  return simdjson::minify(*found);
}

TEST(JsonPointer, FollowsRfc6901Examples) {
  const std::string doc =
      R"({"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8})";
  EXPECT_EQ(At("", doc).substr(0, 6), R"({"foo")");
  EXPECT_EQ(At("/foo", doc), R"(["bar","baz"])");
  EXPECT_EQ(At("/foo/0", doc), R"("bar")");
  EXPECT_EQ(At("/", doc), "0");
  EXPECT_EQ(At("/a~1b", doc), "1");
  EXPECT_EQ(At("/c%d", doc), "2");
  EXPECT_EQ(At("/ ", doc), "7");
  EXPECT_EQ(At("/m~0n", doc), "8");
}

TEST(JsonPointer, MissingStepsAreAbsentNotErrors) {
  const std::string doc = R"({"a":[1,2],"s":"x"})";
  EXPECT_EQ(At("/b", doc), "<missing>");
  EXPECT_EQ(At("/a/2", doc), "<missing>");
  EXPECT_EQ(At("/a/01", doc), "<missing>");  // no leading zeros
  EXPECT_EQ(At("/a/-", doc), "<missing>");
  EXPECT_EQ(At("/s/x", doc), "<missing>");
  EXPECT_EQ(At("/a/99999999999999999999999", doc), "<missing>");
}

TEST(JsonPointer, RefusesBadSyntax) {
  EXPECT_EQ(JsonPointer::Parse("email").status().message(),
            "JSON Pointer 'email' must start with '/' (write '/email')");
  EXPECT_FALSE(JsonPointer::Parse("/a~").ok());
  EXPECT_FALSE(JsonPointer::Parse("/a~2").ok());
  EXPECT_TRUE(JsonPointer::Parse("/a~0~1").ok());
}

}  // namespace
}  // namespace omnihub::mapping::engine
