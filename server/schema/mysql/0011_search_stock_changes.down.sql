-- Back to three kinds: stock rows become product rows (an older indexer re-reads them alike).
UPDATE search_changes SET entity = 'product' WHERE entity = 'stock';
ALTER TABLE search_changes DROP CONSTRAINT chk_search_changes_entity;
ALTER TABLE search_changes
  ADD CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'category', 'brand'));
