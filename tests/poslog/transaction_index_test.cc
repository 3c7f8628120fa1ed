// The per-card index: bounds per card and in cards, de-duplication of receipts, thread safety.
#include "adapters/poslog/transaction_index.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace omnihub::poslog {
namespace {

using Result = TransactionIndex::AddResult;

PoslogTransaction Make(const std::string& card, int64_t sequence, int64_t end_time,
                       const std::string& store = "S001") {
  PoslogTransaction t;
  t.store_id = store;
  t.register_id = "R01";
  t.sequence_number = sequence;
  t.business_day = "2026-11-02";
  t.end_time_unix = end_time;
  t.card = card;
  t.total_minor = 100 * sequence;
  return t;
}

TEST(TransactionIndexTest, KeepsTheNewestPerCardNewestFirst) {
  TransactionIndex index(3, 10);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(index.Add(Make("111", i, 1000 + i)), Result::kAdded);
  auto kept = index.Find("111");
  ASSERT_TRUE(kept.has_value());
  ASSERT_EQ(kept->size(), 3u);
  EXPECT_EQ((*kept)[0].sequence_number, 5);
  EXPECT_EQ((*kept)[1].sequence_number, 4);
  EXPECT_EQ((*kept)[2].sequence_number, 3);
  EXPECT_EQ(index.transaction_count(), 3u);
  // Older than every kept one of a full card: not added.
  EXPECT_EQ(index.Add(Make("111", 9, 10)), Result::kTooOld);
  // Out of order but newer than the oldest kept: inserted in place.
  EXPECT_EQ(index.Add(Make("111", 7, 1004)), Result::kAdded);
  kept = index.Find("111");
  ASSERT_EQ(kept->size(), 3u);
  EXPECT_EQ((*kept)[0].sequence_number, 5);
  EXPECT_EQ((*kept)[1].sequence_number, 7);
  EXPECT_EQ((*kept)[2].sequence_number, 4);
}

TEST(TransactionIndexTest, SameReceiptTwiceIsCountedOnce) {
  TransactionIndex index(10, 10);
  EXPECT_EQ(index.Add(Make("111", 1, 1000)), Result::kAdded);
  EXPECT_EQ(index.Add(Make("111", 1, 1000)), Result::kDuplicate);
  EXPECT_EQ(index.Add(Make("111", 1, 1000, "S002")), Result::kAdded);  // another store
  EXPECT_EQ(index.Find("111")->size(), 2u);
  EXPECT_EQ(index.transaction_count(), 2u);
}

TEST(TransactionIndexTest, EvictsTheLeastRecentlyUpdatedCard) {
  TransactionIndex index(5, 2);
  index.Add(Make("111", 1, 1000));
  index.Add(Make("222", 1, 1000));
  index.Add(Make("111", 2, 1001));  // 111 updated: 222 is now the least recent
  index.Add(Make("333", 1, 1000));
  EXPECT_TRUE(index.Find("111").has_value());
  EXPECT_FALSE(index.Find("222").has_value());
  EXPECT_TRUE(index.Find("333").has_value());
  EXPECT_EQ(index.card_count(), 2u);
  EXPECT_EQ(index.transaction_count(), 3u);
  EXPECT_EQ(index.Cards(0, 10), (std::vector<std::string>{"111", "333"}));
  EXPECT_EQ(index.Cards(1, 10), (std::vector<std::string>{"333"}));
  EXPECT_TRUE(index.Cards(2, 10).empty());
}

TEST(TransactionIndexTest, UnknownCardIsNotFound) {
  TransactionIndex index(1, 1);
  EXPECT_FALSE(index.Find("999").has_value());
}

TEST(TransactionIndexTest, ConcurrentAddsKeepTheBounds) {
  TransactionIndex index(4, 50);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&index, t] {
      for (int i = 0; i < 2000; ++i) {
        // Every thread adds the same receipts: each is counted once.
        index.Add(Make(std::to_string(i % 100), i, 1000 + i));
        (void)t;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(index.card_count(), 50u);
  EXPECT_LE(index.transaction_count(), 200u);
  for (const auto& card : index.Cards(0, 100)) {
    auto kept = index.Find(card);
    ASSERT_TRUE(kept.has_value());
    EXPECT_LE(kept->size(), 4u);
    for (size_t i = 1; i < kept->size(); ++i) {
      EXPECT_NE((*kept)[i].sequence_number, (*kept)[i - 1].sequence_number);
    }
  }
}

}  // namespace
}  // namespace omnihub::poslog
