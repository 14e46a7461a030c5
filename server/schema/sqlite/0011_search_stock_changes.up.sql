-- Search (issue 5): stock-only changes get their own kind, 'stock', so that an indexer can keep
-- cached search answers (which fill stock in from the index's live table) through them.
-- SQLite cannot alter a CHECK: the table is rebuilt with its rows, and its AUTOINCREMENT
-- sequence is carried over so that ids are never reused.
CREATE TABLE search_changes_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL
    CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'stock', 'category', 'brand')),
  entity_id INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO search_changes_new (id, entity, entity_id, created_at)
  SELECT id, entity, entity_id, created_at FROM search_changes;
DELETE FROM sqlite_sequence WHERE name = 'search_changes_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'search_changes_new', seq FROM sqlite_sequence WHERE name = 'search_changes';
DROP TABLE search_changes;
ALTER TABLE search_changes_new RENAME TO search_changes;
CREATE INDEX idx_search_changes_created_at ON search_changes (created_at);
