// The search query builder: search::BuildTextQuery (analysis, synonyms, spelling correction,
// exact SKU and name terms, the relaxed query) on what a shopper types, run against a small
// Xapian index; the analyzer's other readers (Words, JoinedWords, Normalized, ExactKey) and the
// synonyms file parser on the same text.
#include <unistd.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>

#include "fuzz_input.hpp"
#include "search/analysis.hpp"
#include "search/default_synonyms.hpp"
#include "search/document.hpp"
#include "search/text_query.hpp"

using namespace moderno;
namespace fs = std::filesystem;

namespace {

struct Product {
  const char* sku;
  const char* name;
};

constexpr Product kProducts[] = {
    {"CAM-ROJ-01", "Camión rojo de juguete"},      {"WH-1000XM5", "Audífonos Sony WH-1000XM5"},
    {"ZZ-9", "Zapatillas Zig-Zag"},                {"TEL-S24", "Teléfono celular Galaxy S24+"},
    {"NB-14", "Notebook 14 pulgadas"},             {"LOR-1", "Crema L'Oréal para el día"},
    {"TV-55", "Smart TV 55\" 4K"},                 {"PAR-1", "Parlante Bluetooth resistente al agua"},
};

// A glass index in a temporary directory, removed at exit.
struct Index {
  fs::path dir;
  Xapian::Database db;
  Index() {
    std::string templ = (fs::temp_directory_path() / "moderno-fuzz-XXXXXX").string();
    if (!mkdtemp(templ.data())) std::abort();
    dir = templ;
    {
      Xapian::WritableDatabase w(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
      for (const Product& p : kProducts) {
        Xapian::Document doc;
        for (const std::string& word : search::Words(p.name)) {
          doc.add_term(search::Stem(word), search::kNameWeight);
          if (word.size() >= 3) w.add_spelling(word);
        }
        for (const std::string& word : search::JoinedWords(p.name)) doc.add_term(search::Stem(word));
        doc.add_term(std::string(search::kSkuPrefix) + search::ExactKey(p.sku));
        doc.add_term(std::string(search::kExactNamePrefix) + search::ExactKey(p.name));
        w.add_document(doc);
      }
      w.commit();
    }
    db = Xapian::Database(dir.string());
  }
  ~Index() {
    db.close();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

void Run(const Xapian::Database& db, const Xapian::Query& q) {
  if (q.empty()) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  (void)enquire.get_mset(0, 10);
}

void Check(std::string_view text, const search::Synonyms& synonyms, const Xapian::Database& db) {
  const search::TextQuery tq = search::BuildTextQuery(text, synonyms, db);
  if (tq.empty) {
    if (!tq.strict.empty() || !tq.relaxed.empty()) fuzz::Violated();
    return;
  }
  if (tq.strict.empty()) fuzz::Violated();
  Run(db, tq.strict);
  Run(db, tq.relaxed);
  (void)tq.strict.get_description();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Index kIndex;
  static const search::Synonyms kSynonyms = search::Synonyms::Parse(app::DefaultSynonyms());
  const std::string_view text = fuzz::Text(data, size);

  Check(text, kSynonyms, kIndex.db);
  for (const std::string& w : search::Words(text)) {
    if (w.empty() || w.size() > search::kMaxWordBytes) fuzz::Violated();
    (void)search::IsStopWord(w);
  }
  (void)search::JoinedWords(text);
  (void)search::Normalized(text);
  const std::string exact = search::ExactKey(text);
  if (exact.starts_with(' ') || exact.ends_with(' ') || exact.find("  ") != std::string::npos) {
    fuzz::Violated();
  }
  // The same text as a synonyms file: groups are built from it, then used for a query.
  const search::Synonyms own = search::Synonyms::Parse(text);
  if (own.size() > 0) Check(text.substr(0, 200), own, kIndex.db);
  return 0;
}
