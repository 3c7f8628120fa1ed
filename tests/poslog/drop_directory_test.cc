// The file-drop directory: every *.xml file is ingested exactly once and moved to processed/; a
// corrupt one is quarantined with its reason; unfinished (not yet renamed) files are left alone.
#include "adapters/poslog/drop_directory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "adapters/poslog/poslog_writer.h"
#include "adapters/poslog/transaction_index.h"

namespace omnihub::poslog {
namespace {

namespace fs = std::filesystem;

class DropDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("poslog-drop-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    world::GeneratorOptions options;
    options.customers = 50;
    world_ = world::Generate(options);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  static std::string Read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  world::World world_;
};

TEST_F(DropDirectoryTest, IngestsEachFileOnceAndMovesItToProcessed) {
  auto drop = DropDirectory::Open(dir_);
  ASSERT_TRUE(drop.ok()) << drop.status();
  std::span<const world::PosTransaction> all(world_.pos_transactions);
  ASSERT_GE(all.size(), 4u);
  Write("a.xml", WritePoslog(all.subspan(0, 2)));
  Write("b.xml", WritePoslog(all.subspan(2)));
  Write("c.xml.tmp", WritePoslog(all.subspan(0, 1)));  // still being written
  TransactionIndex index(100, 1000);
  size_t added = 0;
  auto sink = [&](PoslogTransaction t) {
    if (index.Add(std::move(t)) == TransactionIndex::AddResult::kAdded) ++added;
  };
  auto first = drop->Sweep(sink);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->files_processed, 2u);
  EXPECT_EQ(first->files_quarantined, 0u);
  EXPECT_EQ(first->transactions, all.size());
  EXPECT_EQ(added, all.size());
  EXPECT_TRUE(fs::exists(dir_ / "processed" / "a.xml"));
  EXPECT_TRUE(fs::exists(dir_ / "processed" / "b.xml"));
  EXPECT_FALSE(fs::exists(dir_ / "a.xml"));
  EXPECT_TRUE(fs::exists(dir_ / "c.xml.tmp"));

  auto second = drop->Sweep(sink);  // nothing new
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->files_processed, 0u);
  EXPECT_EQ(second->transactions, 0u);

  // The writer renames: picked up now. The same file again (a resend) adds nothing to the index.
  fs::rename(dir_ / "c.xml.tmp", dir_ / "a.xml");
  auto third = drop->Sweep(sink);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->files_processed, 1u);
  EXPECT_EQ(added, all.size());
  EXPECT_TRUE(fs::exists(dir_ / "processed" / "a.xml.1"));  // the name was taken
}

TEST_F(DropDirectoryTest, QuarantinesCorruptFilesWithTheReason) {
  auto drop = DropDirectory::Open(dir_, PoslogLimits{.max_document_bytes = 4096});
  ASSERT_TRUE(drop.ok()) << drop.status();
  Write("bomb.xml",
        R"(<?xml version="1.0"?><!DOCTYPE POSLog [<!ENTITY a "aaaa">]><POSLog>&a;</POSLog>)");
  Write("truncated.xml",
        WritePoslog(std::span(world_.pos_transactions).subspan(0, 1)).substr(0, 200));
  Write("huge.xml", std::string(5000, ' '));
  Write("good.xml", WritePoslog(std::span(world_.pos_transactions).subspan(0, 1)));
  size_t seen = 0;
  auto result = drop->Sweep([&](PoslogTransaction) { ++seen; });
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->files_processed, 1u);
  EXPECT_EQ(result->files_quarantined, 3u);
  EXPECT_EQ(seen, 1u);
  for (const char* name : {"bomb.xml", "truncated.xml", "huge.xml"}) {
    EXPECT_TRUE(fs::exists(dir_ / "quarantine" / name)) << name;
    EXPECT_FALSE(fs::exists(dir_ / name)) << name;
  }
  EXPECT_NE(Read(dir_ / "quarantine" / "bomb.xml.reason.txt").find("not usable XML"),
            std::string::npos);
  EXPECT_NE(Read(dir_ / "quarantine" / "truncated.xml.reason.txt").find("not usable XML"),
            std::string::npos);
  EXPECT_NE(Read(dir_ / "quarantine" / "huge.xml.reason.txt").find("over the limit of 4096"),
            std::string::npos);
}

TEST_F(DropDirectoryTest, RefusesAMissingDirectory) {
  auto drop = DropDirectory::Open(dir_ / "nope");
  ASSERT_FALSE(drop.ok());
  EXPECT_EQ(drop.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(drop.status().message().find("is not a directory"), std::string::npos);
}

}  // namespace
}  // namespace omnihub::poslog
