-- Search (issue 5): the change log that every node's search indexer follows. Each product,
-- variant, price, stock, category or brand change writes rows here in the same transaction.
-- Ids are allocated at insert time, so concurrent transactions may commit them out of order:
-- the indexer waits a little for a missing id before it moves its checkpoint past it.
CREATE TABLE search_changes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(16) NOT NULL,
  entity_id BIGINT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_search_changes_created_at (created_at),
  CONSTRAINT chk_search_changes_entity CHECK (entity IN ('product', 'category', 'brand'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
