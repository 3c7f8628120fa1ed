// pos-sim's live tills: new transactions of the stores' regulars, returns in both till styles,
// unique receipts, every one accepted by the connector's parser.
#include "tools/simulators/pos/live_tills.h"

#include <gtest/gtest.h>

#include <set>
#include <span>

#include "adapters/poslog/poslog_parser.h"
#include "adapters/poslog/poslog_writer.h"

namespace omnihub::pos_sim {
namespace {

const world::World& World() {
  static const world::World* generated = [] {
    world::GeneratorOptions options;
    options.customers = 200;
    return new world::World(world::Generate(options));
  }();
  return *generated;
}

world::Time Now() { return world::Time(std::chrono::seconds(1'795'000'000)); }

TEST(LiveTillsTest, SalesAndReturnsInBothStylesThatTheParserReads) {
  LiveTills tills(World(), 42, 1000000, {});
  std::set<std::string> regulars;  // cards with till history
  for (const auto& t : World().pos_transactions) regulars.insert(world::DigitsOnly(t.loyalty_card));
  std::set<std::string> receipts;
  size_t returns = 0, return_lines = 0, negative_sales = 0;
  for (int n = 0; n < 2000; ++n) {
    world::PosTransaction t = tills.Next(Now() + std::chrono::seconds(n));
    ASSERT_TRUE(regulars.contains(world::DigitsOnly(t.loyalty_card))) << t.loyalty_card;
    auto parsed = poslog::ParsePoslog(poslog::WritePoslog(std::span(&t, 1)));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    ASSERT_EQ(parsed->size(), 1u);
    const poslog::PoslogTransaction& p = parsed->front();
    EXPECT_TRUE(receipts.insert(p.ReceiptNumber()).second) << p.ReceiptNumber();
    EXPECT_EQ(p.sequence_number, 1000000 + n);
    EXPECT_EQ(p.is_return, t.is_return);
    if (!t.is_return) {
      EXPECT_GT(p.total_minor, 0);
      continue;
    }
    ++returns;
    (t.lines.front().line_kind == "RETURN" ? return_lines : negative_sales) += 1;
    ASSERT_EQ(p.record.order().lines_size(), 1);
    EXPECT_LT(p.record.order().lines(0).quantity(), 0);
    EXPECT_LT(p.total_minor, 0);
    ASSERT_EQ(p.record.tenders_size(), 1);
    EXPECT_EQ(p.record.tenders(0).type(), "Refund");
    EXPECT_EQ(p.record.tenders(0).amount().amount_minor(), p.total_minor);
  }
  EXPECT_GT(returns, 100u);
  EXPECT_GT(return_lines, 20u);
  EXPECT_GT(negative_sales, 20u);
}

TEST(LiveTillsTest, SellsOnlyToTheGivenCards) {
  LiveTills tills(World(), 7, 1, {"6335 0000 0000 0003"});
  for (int n = 0; n < 50; ++n) {
    EXPECT_EQ(world::DigitsOnly(tills.Next(Now()).loyalty_card), "6335000000000003");
  }
  EXPECT_THROW(LiveTills(World(), 7, 1, {"6335000000000011"}), std::invalid_argument);
}

}  // namespace
}  // namespace omnihub::pos_sim
