// StoreFixture: a test with the hub's store open on a fresh database (store_database.h), skipped
// when that database is not available (PostgreSQL without OMNIHUB_TEST_PG_CONNECTION).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "hub/store/hub_store.h"
#include "tests/store/store_database.h"

namespace omnihub::hub::testing {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << StoreDatabase::skip_reason();
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }

  // Another HubStore on the same database (another hub sharing it).
  std::unique_ptr<HubStore> Open() {
    auto store = HubStore::Open(database_.options());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  StoreDatabase database_;
  std::unique_ptr<HubStore> store_;
};

}  // namespace omnihub::hub::testing
