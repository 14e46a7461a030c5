-- Search (issue 5): the change log that every node's search indexer follows. Each product,
-- variant, price, stock, category or brand change writes rows here in the same transaction.
-- AUTOINCREMENT: ids are never reused, even after the oldest rows are pruned, because each
-- indexer remembers the last id it applied.
CREATE TABLE search_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL
    CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'category', 'brand')),
  entity_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- Pruning by age.
CREATE INDEX idx_search_changes_created_at ON search_changes (created_at);
