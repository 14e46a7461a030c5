#pragma once
// Deterministic demo data: a Chilean store in Spanish, plus any number of generated products
// for benchmarks. The same inputs always produce the same catalog.
#include <cstddef>
#include <functional>

#include "platform/db/db.hpp"
#include "platform/error.hpp"

namespace moderno::catalog {

// What to seed.
struct SeedOptions {
  // The demo store: categories, brands, warehouses and ~630 products with stock and images.
  bool demo = true;
  // Generated products (SKU BENCH-0000001...) to add after those already present.
  int extra_products = 0;
  // Called after each committed batch of extra products, when set.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// What a Seed call inserted (rows that were already present are not counted).
struct SeedReport {
  int categories = 0, brands = 0, products = 0, variants = 0, warehouses = 0, skipped_demo = 0;
};

// Seeds the demo store (idempotent: the base demo data is inserted only if absent) and then
// `extra_products` more deterministic products (numbered after the extra products already
// present, so running twice adds 2N). Categories, brands and warehouses missing from the
// database are inserted even without `demo`, since extra products need them.
Result<SeedReport> Seed(db::Database& db, const SeedOptions& opt);

}  // namespace moderno::catalog
