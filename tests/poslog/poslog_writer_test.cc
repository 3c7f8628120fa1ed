// Writer and parser together: every POS transaction of a generated world, written as POSLog and
// parsed back, gives the world's figures with returns in the canonical shape (negative quantity
// and amount) whichever style the till used.
#include "adapters/poslog/poslog_writer.h"

#include <gtest/gtest.h>

#include "adapters/poslog/poslog_parser.h"

namespace omnihub::poslog {
namespace {

TEST(PoslogWriterTest, WorldRoundTripsThroughTheParser) {
  world::GeneratorOptions options;
  options.customers = 300;
  world::World generated = world::Generate(options);
  ASSERT_FALSE(generated.pos_transactions.empty());
  auto parsed = ParsePoslog(WritePoslog(generated.pos_transactions));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), generated.pos_transactions.size());
  int return_lines = 0, negative_sales = 0;
  bool demo_seen = false;
  for (size_t i = 0; i < parsed->size(); ++i) {
    const world::PosTransaction& expected = generated.pos_transactions[i];
    const PoslogTransaction& actual = (*parsed)[i];
    SCOPED_TRACE(actual.ReceiptNumber());
    EXPECT_EQ(actual.card, world::DigitsOnly(expected.loyalty_card));
    demo_seen = demo_seen || actual.card == "6335000000000003";
    EXPECT_EQ(actual.ReceiptNumber(), expected.store_id + "-" + expected.register_id + "-" +
                                          world::FormatDate(expected.business_day) + "-" +
                                          std::to_string(expected.sequence_number));
    EXPECT_EQ(actual.end_time_unix, expected.end_time.time_since_epoch().count());
    EXPECT_EQ(actual.total_minor, expected.total_minor);
    EXPECT_EQ(actual.is_return, expected.is_return);
    const v1::Order& order = actual.record.order();
    ASSERT_EQ(static_cast<size_t>(order.lines_size()), expected.lines.size());
    for (size_t l = 0; l < expected.lines.size(); ++l) {
      const world::PosLine& line = expected.lines[l];
      const v1::OrderLine& mapped = order.lines(static_cast<int>(l));
      bool returned = line.line_kind == "RETURN" || line.quantity < 0 || line.amount_minor < 0;
      int64_t quantity = line.quantity < 0 ? -line.quantity : line.quantity;
      int64_t amount = line.amount_minor < 0 ? -line.amount_minor : line.amount_minor;
      EXPECT_EQ(mapped.quantity(), returned ? -quantity : quantity);
      EXPECT_EQ(mapped.line_total().amount_minor(), returned ? -amount : amount);
      EXPECT_EQ(mapped.unit_price().amount_minor(), line.unit_price_minor);
      EXPECT_EQ(mapped.sku(), line.sku);
      EXPECT_EQ(mapped.description(), line.description);
      if (returned && line.line_kind == "RETURN") ++return_lines;
      if (returned && line.line_kind == "SALE") ++negative_sales;
    }
    ASSERT_EQ(static_cast<size_t>(actual.record.tenders_size()), expected.tenders.size());
    for (size_t k = 0; k < expected.tenders.size(); ++k) {
      EXPECT_EQ(actual.record.tenders(static_cast<int>(k)).amount().amount_minor(),
                expected.tenders[k].amount_minor);
    }
  }
  EXPECT_TRUE(demo_seen);
  EXPECT_GT(return_lines, 0);  // both return styles are exercised
  EXPECT_GT(negative_sales, 0);
}

TEST(PoslogWriterTest, FormatsMinorUnitsExactly) {
  EXPECT_EQ(FormatMinorUnits(0), "0.00");
  EXPECT_EQ(FormatMinorUnits(5), "0.05");
  EXPECT_EQ(FormatMinorUnits(-1999), "-19.99");
  EXPECT_EQ(FormatMinorUnits(123456789), "1234567.89");
  EXPECT_EQ(*ParseMinorUnits(FormatMinorUnits(INT64_C(-999999999999))), INT64_C(-999999999999));
}

}  // namespace
}  // namespace omnihub::poslog
