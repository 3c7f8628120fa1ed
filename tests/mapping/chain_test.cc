#include <thread>

#include "adapters/mapping/transform_chain.h"
#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using ::testing::HasSubstr;
using testing_util::Case;
using testing_util::T;
using testing_util::TransformCaseTest;

TEST_P(TransformCaseTest, Applies) {
  const Case& c = GetParam();
  absl::StatusOr<Value> got = testing_util::Run(c.spec, c.in);
  if (c.want.has_value()) {
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, *c.want) << "got " << got->DebugString() << ", want " << c.want->DebugString();
  } else {
    ASSERT_FALSE(got.ok()) << "expected an error, got " << got->DebugString();
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(got.status().message()), HasSubstr(c.error));
  }
}

TEST(CompileTransform, UnknownNameSuggestsTheClosest) {
  EXPECT_EQ(testing_util::CompileError({"uper", {}, {}}),
            "unknown transform 'uper' — did you mean 'upper'?");
  EXPECT_EQ(testing_util::CompileError({"code_table", {}, {}}),
            "unknown transform 'code_table' — did you mean 'code-table'?");
  EXPECT_EQ(testing_util::CompileError({"Trim", {}, {}}),
            "unknown transform 'Trim' — did you mean 'trim'?");
  EXPECT_EQ(testing_util::CompileError({"frobnicate", {}, {}}), "unknown transform 'frobnicate'");
  EXPECT_EQ(testing_util::CompileError({"", {}, {}}), "a transform needs a name");
}

TEST(CompileTransform, UnknownArgumentSuggestsTheClosest) {
  EXPECT_EQ(testing_util::CompileError({"date", {{"fromat", "YYDDD"}}, {}}),
            "date: unknown argument 'fromat' — did you mean 'format'? (arguments: format, tz, "
            "pivot)");
  EXPECT_EQ(testing_util::CompileError({"upper", {{"locale", "tr"}}, {}}),
            "upper: takes no arguments, got 'locale'");
  EXPECT_EQ(testing_util::CompileError({"trim", {}, {{"a", "b"}}}),
            "trim: only code-table takes table entries");
}

TEST(CompileTransform, KnownNamesAreSortedAndComplete) {
  const std::vector<std::string> names = KnownTransformNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names.size(), 25u);
  for (const char* n : {"trim",
                        "upper",
                        "lower",
                        "title",
                        "default",
                        "collapse-spaces",
                        "substring",
                        "pad",
                        "concat",
                        "split",
                        "replace",
                        "text",
                        "code-table",
                        "bool",
                        "integer",
                        "decimal",
                        "implied-decimal",
                        "money",
                        "date",
                        "timestamp",
                        "phone",
                        "email",
                        "sign",
                        "utc-offset",
                        "loyalty-card"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  }
}

TEST(TransformChain, AppliesInOrder) {
  absl::StatusOr<TransformChain> chain = TransformChain::Compile(
      {{"trim", {}, {}}, {"upper", {}, {}}, {"code-table", {}, {{"S", "SHIPPED"}}}});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->size(), 3u);
  absl::StatusOr<Value> v = chain->Apply(T("  s "));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, T("SHIPPED"));
}

TEST(TransformChain, FirstFailureStopsAndNamesTheStep) {
  absl::StatusOr<TransformChain> chain =
      TransformChain::Compile({{"trim", {}, {}}, {"date", {{"format", "CCYYMMDD"}}, {}}});
  ASSERT_TRUE(chain.ok()) << chain.status();
  absl::StatusOr<Value> v = chain->Apply(T(" 20230230 "));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(),
            "step 2 'date': '20230230' is not a valid date: February 2023 has 28 days, there is "
            "no day 30");
}

TEST(TransformChain, CompileErrorNamesTheStep) {
  absl::StatusOr<TransformChain> chain =
      TransformChain::Compile({{"trim", {}, {}}, {"uper", {}, {}}});
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.status().message(), "step 2: unknown transform 'uper' — did you mean 'upper'?");
}

TEST(TransformChain, CombinerOnlyFirst) {
  absl::StatusOr<TransformChain> chain =
      TransformChain::Compile({{"trim", {}, {}}, {"concat", {}, {}}});
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.status().message(),
            "step 2: 'concat' combines several inputs, so it can only be the first step of a "
            "chain");
}

TEST(TransformChain, ManyInputsThroughConcat) {
  absl::StatusOr<TransformChain> chain = TransformChain::Compile(
      {{"concat", {{"separator", " "}}, {}}, {"collapse-spaces", {}, {}}, {"title", {}, {}}});
  ASSERT_TRUE(chain.ok()) << chain.status();
  const std::vector<Value> in = {T("JANE "), Value::Null(), T(" o'brien")};
  absl::StatusOr<Value> v = chain->ApplyMany(in);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, T("Jane O'Brien"));
}

TEST(TransformChain, ManyInputsWithoutCombinerIsAnError) {
  absl::StatusOr<TransformChain> chain = TransformChain::Compile({{"trim", {}, {}}});
  ASSERT_TRUE(chain.ok());
  const std::vector<Value> in = {T("a"), T("b")};
  absl::StatusOr<Value> v = chain->ApplyMany(in);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(),
            "step 1 'trim': takes one value, got 2 (use concat to combine values)");
  absl::StatusOr<TransformChain> empty = TransformChain::Compile({});
  ASSERT_TRUE(empty.ok());
  EXPECT_THAT(empty->ApplyMany(in).status().message(), HasSubstr("no transform to combine"));
  EXPECT_EQ(*empty->Apply(T("x")), T("x"));
}

// A date and a time in two source fields: concat them, then read them in one format.
TEST(TransformChain, DateAndTimeFieldsTogether) {
  absl::StatusOr<TransformChain> chain = TransformChain::Compile(
      {{"concat"}, {"timestamp", {{"format", "CCYYMMDDHHMMSS"}, {"tz", "Europe/London"}}}});
  ASSERT_TRUE(chain.ok()) << chain.status();
  const std::vector<Value> in = {T("20240715"), T("120000")};
  absl::StatusOr<Value> v = chain->ApplyMany(in);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, testing_util::Utc(2024, 7, 15, 11, 0, 0));
}

TEST(TransformChain, SharedAcrossThreads) {
  absl::StatusOr<TransformChain> chain =
      TransformChain::Compile({{"trim", {}, {}},
                               {"implied-decimal", {{"pic", "S9(7)V99"}}, {}},
                               {"money", {{"currency", "GBP"}}, {}}});
  ASSERT_TRUE(chain.ok()) << chain.status();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        absl::StatusOr<Value> v = chain->Apply(T(" 00001234} "));
        if (!v.ok() || !(*v == Value::OfMoney(Money{"GBP", -12340}))) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace omnihub::mapping
