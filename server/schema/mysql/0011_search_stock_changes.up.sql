-- Search (issue 5): stock-only changes get their own kind, 'stock', so that an indexer can keep
-- cached search answers (which fill stock in from the index's live table) through them.
ALTER TABLE search_changes DROP CONSTRAINT chk_search_changes_entity;
ALTER TABLE search_changes
  ADD CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'stock', 'category', 'brand'));
