// SectionStore: byte accounting, the byte bound, eviction order, invalidation.
#include "hub/cache/section_store.h"

#include <gtest/gtest.h>

#include "hub/cache/section_parts.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;

// A contacts section of `notes` notes of about 200 bytes each.
CachedSection Contacts(int notes, std::chrono::milliseconds cost = 10ms) {
  omnihub::sdk::SourceData data;
  for (int i = 0; i < notes; ++i) {
    omnihub::v1::Contact contact;
    contact.set_summary(std::string(200, 'x'));
    data.contacts.push_back(contact);
  }
  CachedSection section;
  section.part = std::make_shared<const omnihub::sdk::SourceData>(std::move(data));
  section.cost = cost;
  return section;
}

SectionKey Key(int customer, omnihub::v1::Section section = omnihub::v1::SECTION_CONTACTS) {
  return {"C-" + std::to_string(customer), "erp", section};
}

// A section a source answered only in part keeps the reason through the cache: cut out of the
// answer, held, and put back together for a hit; a complete answer for the section clears it.
TEST(SectionPartsTest, WhyASectionIsIncompleteTravelsWithIt) {
  omnihub::sdk::SourceData answer;
  answer.payments.emplace_back();
  answer.orders.emplace_back();
  answer.incomplete[omnihub::v1::SECTION_PAYMENTS] = "fraud assessments missing for 1 order";
  const auto payments = SectionPart(answer, omnihub::v1::SECTION_PAYMENTS);
  const auto orders = SectionPart(answer, omnihub::v1::SECTION_ORDERS);
  EXPECT_EQ(payments.incomplete.size(), 1u);
  EXPECT_TRUE(orders.incomplete.empty());
  EXPECT_GT(SectionPartBytes(payments),
            SectionPartBytes(SectionPart({}, omnihub::v1::SECTION_PAYMENTS)));

  omnihub::sdk::SourceData served;
  AddSectionPart(orders, omnihub::v1::SECTION_ORDERS, served);
  AddSectionPart(payments, omnihub::v1::SECTION_PAYMENTS, served);
  ASSERT_EQ(served.incomplete.count(omnihub::v1::SECTION_PAYMENTS), 1u);
  EXPECT_EQ(served.incomplete.at(omnihub::v1::SECTION_PAYMENTS),
            "fraud assessments missing for 1 order");

  AddSectionPart(omnihub::sdk::SourceData{}, omnihub::v1::SECTION_PAYMENTS, served);
  EXPECT_TRUE(served.incomplete.empty());
}

TEST(SectionStoreTest, CountsTheBytesOfWhatItHolds) {
  SectionStore store(1 << 20);
  auto section = Contacts(10);
  const size_t part = SectionPartBytes(*section.part);
  EXPECT_GT(part, 10u * 200) << "at least the text it holds";
  store.Put(Key(1), section);
  auto stats = store.Stats();
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes, part + SectionStore::kEntryOverhead + 3 + 3);
  store.Put(Key(1), Contacts(1));
  EXPECT_LT(store.Stats().bytes, stats.bytes) << "replacing frees the old entry's bytes";
  EXPECT_TRUE(store.Invalidate(Key(1)));
  EXPECT_EQ(store.Stats().bytes, 0u);
  EXPECT_EQ(store.Stats().entries, 0u);
}

TEST(SectionStoreTest, StaysUnderItsByteBoundByEvicting) {
  const size_t one = SectionPartBytes(*Contacts(10).part) + SectionStore::kEntryOverhead + 16;
  SectionStore store(one * 10);
  for (int i = 0; i < 100; ++i) {
    store.Put(Key(i), Contacts(10));
    ASSERT_LE(store.Stats().bytes, one * 10) << "after " << i + 1 << " entries";
  }
  auto stats = store.Stats();
  EXPECT_GE(stats.entries, 8u);
  EXPECT_LE(stats.entries, 10u);
  EXPECT_EQ(stats.evictions, 100u - stats.entries);
  EXPECT_TRUE(store.Find(Key(99))) << "the newest is kept";
  EXPECT_FALSE(store.Find(Key(0))) << "the oldest went first";
}

TEST(SectionStoreTest, AnEntryReadRecentlyOutlivesOneNotRead) {
  const size_t one = SectionPartBytes(*Contacts(10).part) + SectionStore::kEntryOverhead + 16;
  SectionStore store(one * 3);
  store.Put(Key(1), Contacts(10));
  store.Put(Key(2), Contacts(10));
  store.Put(Key(3), Contacts(10));
  ASSERT_TRUE(store.Find(Key(1)));  // read: 2 is now the least recently used
  store.Put(Key(4), Contacts(10));
  EXPECT_TRUE(store.Find(Key(1)));
  EXPECT_FALSE(store.Find(Key(2)));
}

TEST(SectionStoreTest, AnExpensiveSectionOutlivesACheapOneOfTheSameSize) {
  const size_t one = SectionPartBytes(*Contacts(10).part) + SectionStore::kEntryOverhead + 16;
  SectionStore store(one * 2);
  store.Put(Key(1), Contacts(10, /*cost=*/800ms));  // a slow mainframe screen
  store.Put(Key(2), Contacts(10, /*cost=*/5ms));
  store.Put(Key(3), Contacts(10, /*cost=*/5ms));
  EXPECT_TRUE(store.Find(Key(1))) << "older, but costly to fetch again";
  EXPECT_FALSE(store.Find(Key(2)));
}

TEST(SectionStoreTest, AnEntryLargerThanTheBoundIsNotKept) {
  SectionStore store(1000);
  store.Put(Key(1), Contacts(100));
  EXPECT_FALSE(store.Find(Key(1)));
  EXPECT_EQ(store.Stats().bytes, 0u);
}

TEST(SectionStoreTest, InvalidatesExactlyOneSectionOrAWholeCustomer) {
  SectionStore store(1 << 20);
  store.Put(Key(1, omnihub::v1::SECTION_ORDERS), Contacts(1));
  store.Put(Key(1, omnihub::v1::SECTION_CONTACTS), Contacts(1));
  store.Put(Key(2, omnihub::v1::SECTION_ORDERS), Contacts(1));
  EXPECT_TRUE(store.Invalidate(Key(1, omnihub::v1::SECTION_ORDERS)));
  EXPECT_FALSE(store.Invalidate(Key(1, omnihub::v1::SECTION_ORDERS))) << "already gone";
  EXPECT_TRUE(store.Find(Key(1, omnihub::v1::SECTION_CONTACTS)));
  EXPECT_TRUE(store.Find(Key(2, omnihub::v1::SECTION_ORDERS)));
  store.Put(Key(1, omnihub::v1::SECTION_ORDERS), Contacts(1));
  EXPECT_EQ(store.InvalidateCustomer("C-1"), 2u);
  EXPECT_EQ(store.Stats().entries, 1u);
  EXPECT_EQ(store.InvalidateCustomer("C-"), 0u) << "a prefix of an id is not the id";
}

TEST(SectionStoreTest, AFailedRefreshMarksButKeepsTheSection) {
  SectionStore store(1 << 20);
  EXPECT_FALSE(store.MarkRefreshFailed(Key(1), "erp is down")) << "nothing held";
  store.Put(Key(1), Contacts(3));
  ASSERT_TRUE(store.MarkRefreshFailed(Key(1), "refresh failed: erp is down"));
  auto held = store.Find(Key(1));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->part->contacts.size(), 3u);
  EXPECT_EQ(held->refresh_failure, "refresh failed: erp is down");
}

}  // namespace
}  // namespace omnihub::hub
