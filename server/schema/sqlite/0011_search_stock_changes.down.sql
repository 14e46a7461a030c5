-- Back to three kinds: stock rows become product rows (an older indexer re-reads them alike).
CREATE TABLE search_changes_old (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL
    CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'category', 'brand')),
  entity_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO search_changes_old (id, entity, entity_id, created_at)
  SELECT id, CASE WHEN entity = 'stock' THEN 'product' ELSE entity END, entity_id, created_at FROM search_changes;
DELETE FROM sqlite_sequence WHERE name = 'search_changes_old';
INSERT INTO sqlite_sequence (name, seq) SELECT 'search_changes_old', seq FROM sqlite_sequence WHERE name = 'search_changes';
DROP TABLE search_changes;
ALTER TABLE search_changes_old RENAME TO search_changes;
CREATE INDEX idx_search_changes_created_at ON search_changes (created_at);
