// The archive container (GNU tar reads it; damage is detected) and the retention of backups.
#include "platform/backup/backup.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "platform/crypto/cipher.hpp"

namespace moderno::backup {
namespace {

namespace fs = std::filesystem;

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("moderno_archive_" + crypto::RandomToken(6));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ArchiveTest, MembersRoundTripWithTheirDigestsAndGnuTarReadsThem) {
  const std::string big(200000, 'x');
  std::ofstream(dir_ / "big.bin", std::ios::binary) << big;
  const std::string long_name = "media/products/" + std::string(90, 'p') + "/" + std::string(60, 'f') + ".webp";
  std::vector<MemberDigest> written;
  {
    ArchiveWriter w(dir_ / "a.tar.gz");
    written.push_back(w.AddFile("media/big.bin", dir_ / "big.bin"));
    written.push_back(w.AddBytes(long_name, "hola"));
    written.push_back(w.AddBytes("empty", ""));
    w.Finish();
  }
  EXPECT_EQ(written[0].sha256, Sha256File(dir_ / "big.bin"));
  std::map<std::string, std::string> read;
  auto digests = ReadArchive(dir_ / "a.tar.gz", [&](const std::string& name, std::uint64_t, const ChunkReader& next) {
    for (auto c = next(); !c.empty(); c = next()) read[name].append(c);
  });
  ASSERT_EQ(digests.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(digests[i].name, written[i].name);
    EXPECT_EQ(digests[i].size, written[i].size);
    EXPECT_EQ(digests[i].sha256, written[i].sha256);
  }
  EXPECT_EQ(read["media/big.bin"], big);
  EXPECT_EQ(read[long_name], "hola");
  const std::string cmd = "tar -xzf " + (dir_ / "a.tar.gz").string() + " -C " + dir_.string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(Sha256File(dir_ / "media/big.bin"), written[0].sha256);
  std::ifstream in(dir_ / long_name);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "hola");
}

TEST_F(ArchiveTest, TruncatedCorruptedOrForeignFilesAreRefused) {
  {
    ArchiveWriter w(dir_ / "a.tar.gz");
    std::string noise;
    for (int i = 0; i < 50000; ++i) noise += std::to_string(i * 7919 % 10007);
    w.AddBytes("data", noise);
    w.Finish();
  }
  std::ifstream in(dir_ / "a.tar.gz", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto refused = [&](const std::string& content, const char* word) {
    std::ofstream(dir_ / "b.tar.gz", std::ios::binary) << content;
    try {
      ReadArchive(dir_ / "b.tar.gz", [](const std::string&, std::uint64_t, const ChunkReader&) {});
      ADD_FAILURE() << "accepted: " << word;
    } catch (const ArchiveError& e) {
      EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
    }
  };
  refused(bytes.substr(0, bytes.size() / 2), "truncated");
  refused(bytes.substr(0, bytes.size() - 4), "truncated");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  refused(flipped, "corrupted");
  refused(std::string(4096, 'a'), "not a gzip");
}

TEST_F(ArchiveTest, RetentionKeepsTheNewestOfEachDayAndWeek) {
  // Two a day over twelve days ending on Monday 2026-12-07 (ISO week 50).
  std::vector<std::string> names;
  for (int day = 26; day <= 37; ++day) {
    const int month = day <= 30 ? 11 : 12, dom = day <= 30 ? day : day - 30;
    for (const char* hour : {"030000", "150000"}) {
      char name[64];
      std::snprintf(name, sizeof name, "moderno-backup-2026%02d%02dT%sZ.tar.gz", month, dom, hour);
      names.push_back(name);
      std::ofstream(dir_ / name) << "x";
    }
  }
  std::ofstream(dir_ / "notes.txt") << "not a backup";
  const auto deleted = ApplyRetention(dir_, 3, 2);
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir_)) left.insert(e.path().filename().string());
  // Days: 12-07, 12-06, 12-05 (newest of each); weeks: 50 (12-07) and 49 (newest: 12-06).
  const std::set<std::string> expected = {"moderno-backup-20261207T150000Z.tar.gz", "moderno-backup-20261206T150000Z.tar.gz",
                                          "moderno-backup-20261205T150000Z.tar.gz", "notes.txt"};
  EXPECT_EQ(left, expected);
  EXPECT_EQ(deleted.size(), names.size() - 3);
  auto newest = NewestBackup(dir_);
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->first.filename(), "moderno-backup-20261207T150000Z.tar.gz");
}

TEST_F(ArchiveTest, OfArchivesMadeInTheSameSecondTheLastMadeIsTheNewest) {
  for (const char* name : {"moderno-backup-20261207T150000Z.tar.gz", "moderno-backup-20261207T150000Z-1.tar.gz",
                           "moderno-backup-20261207T150000Z-2.tar.gz", "moderno-backup-20261207T145959Z.tar.gz"}) {
    std::ofstream(dir_ / name) << "x";
  }
  const auto listed = ListBackups(dir_, 10);
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0].path.filename(), "moderno-backup-20261207T150000Z-2.tar.gz");
  EXPECT_EQ(listed[1].path.filename(), "moderno-backup-20261207T150000Z-1.tar.gz");
  EXPECT_EQ(listed[3].path.filename(), "moderno-backup-20261207T145959Z.tar.gz");
  EXPECT_EQ(listed[0].bytes, 1u);
  EXPECT_EQ(ListBackups(dir_, 2).size(), 2u);
  ApplyRetention(dir_, 1, 0);
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir_)) left.insert(e.path().filename().string());
  EXPECT_EQ(left, std::set<std::string>{"moderno-backup-20261207T150000Z-2.tar.gz"});
}

}  // namespace
}  // namespace moderno::backup
