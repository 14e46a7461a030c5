#include "search/synonyms.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

#include <thread>

#include "search/analysis.hpp"

namespace moderno::search {
namespace {

std::vector<std::string> StemsOf(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : Words(text)) out.push_back(Stem(w));
  return out;
}

TEST(SearchSynonyms, ParsesGroupsAndMatchesByStem) {
  const Synonyms s = Synonyms::Parse(
      "# comment\n"
      "celular, smartphone, Móvil, teléfono móvil\n"
      "\n"
      "solo\n"
      "notebook, laptop  # trailing comment\n");
  ASSERT_EQ(s.size(), 2u);
  auto hit = s.Match(StemsOf("celulares"), 0);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->length, 1u);
  EXPECT_EQ(s.Group(hit->group).size(), 4u);
  // The longest member wins: "teléfono móvil" is one member of two words.
  hit = s.Match(StemsOf("telefono movil rojo"), 0);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->length, 2u);
  EXPECT_FALSE(s.Match(StemsOf("rojo"), 0));
  EXPECT_FALSE(s.Match(StemsOf("solo"), 0)) << "a line with one member is no group";
  hit = s.Match(StemsOf("un LAPTOP"), 1);
  ASSERT_TRUE(hit);
  EXPECT_EQ(s.Group(hit->group).front().words, std::vector<std::string>{"notebook"});
}

TEST(SearchSynonyms, TheRepositoryFileParses) {
  std::ifstream in(MODERNO_SOURCE_DIR "/server/search/synonyms.txt");
  ASSERT_TRUE(in.good());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Synonyms s = Synonyms::Parse(text);
  EXPECT_GE(s.size(), 20u);
  for (const char* w : {"celular", "laptop", "tenis", "auriculares"}) EXPECT_TRUE(s.Match(StemsOf(w), 0)) << w;
}

TEST(SearchSynonyms, SourceReloadsWhenTheFileChanges) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("moderno_synonyms_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream(path) << "tele, televisor\n";
  }
  SynonymSource source(path, "a, b\n");
  EXPECT_TRUE(source.Get()->Match(StemsOf("tele"), 0));
  EXPECT_FALSE(source.Get()->Match(StemsOf("bici"), 0));
  {
    std::ofstream(path) << "tele, televisor\nbici, bicicleta\n";
  }
  std::filesystem::last_write_time(path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // looked at once a second
  EXPECT_TRUE(source.Get()->Match(StemsOf("bici"), 0));
  std::filesystem::remove(path);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(source.Get()->Match(StemsOf("a"), 0)) << "a missing file falls back to the built-in list";
}

}  // namespace
}  // namespace moderno::search
