// ReplyStore: kept serialised answers, their generations, expiry and byte bound.
#include "hub/cache/reply_store.h"

#include <gtest/gtest.h>

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using Time = std::chrono::system_clock::time_point;

const Time kNow = Time(std::chrono::hours(1000));

TEST(ReplyStoreTest, KeepsAnAnswerUntilItExpires) {
  ReplyStore store(1 << 20);
  const uint64_t generation = store.Generation("C-1");
  store.Put("C-1", 20, generation, grpc::Slice(std::string(100, 'x')), kNow + 60s);
  auto kept = store.Find("C-1", 20, kNow);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->size(), 100u);
  EXPECT_FALSE(store.Find("C-1", 10, kNow)) << "another recent limit is another answer";
  EXPECT_FALSE(store.Find("C-1", 20, kNow + 60s)) << "expired";
  EXPECT_EQ(store.replies(), 1u);
}

TEST(ReplyStoreTest, RefusesAnAnswerGatheredBeforeAChange) {
  ReplyStore store(1 << 20);
  const uint64_t generation = store.Generation("C-1");
  store.Changed("C-1");  // e.g. an event invalidated a section while the answer was assembled
  store.Put("C-1", 20, generation, grpc::Slice(std::string("old")), kNow + 60s);
  EXPECT_FALSE(store.Find("C-1", 20, kNow));
  store.Put("C-1", 20, store.Generation("C-1"), grpc::Slice(std::string("new")), kNow + 60s);
  ASSERT_TRUE(store.Find("C-1", 20, kNow));
  store.Changed("C-1");
  EXPECT_FALSE(store.Find("C-1", 20, kNow)) << "a change drops what was kept";
  EXPECT_EQ(store.Generation("C-2") == store.Generation("C-1"), false);
}

TEST(ReplyStoreTest, StaysUnderItsByteBoundDroppingTheLeastRecentlyUsed) {
  const size_t one = 1000 + ReplyStore::kEntryOverhead + 3;
  ReplyStore store(one * 3);
  for (int i = 0; i < 10; ++i) {
    const std::string id = "C-" + std::to_string(i);
    store.Put(id, 20, store.Generation(id), grpc::Slice(std::string(1000, 'x')), kNow + 60s);
    if (i == 1) {
      ASSERT_TRUE(store.Find("C-0", 20, kNow));  // C-0 used again
    }
    ASSERT_LE(store.bytes(), one * 3) << "after " << i + 1;
  }
  EXPECT_TRUE(store.Find("C-9", 20, kNow));
  EXPECT_FALSE(store.Find("C-1", 20, kNow));
  EXPECT_LE(store.replies(), 3u);
  store.Put("C-big", 20, store.Generation("C-big"), grpc::Slice(std::string(one * 4, 'x')),
            kNow + 60s);
  EXPECT_FALSE(store.Find("C-big", 20, kNow)) << "larger than the bound: not kept";
}

}  // namespace
}  // namespace omnihub::hub
