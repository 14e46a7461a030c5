-- Staff tools: the audit log of every write made through the admin API, and the ledger of
-- stock adjustments. Timestamps are UTC DATETIME.

-- Who did what to which entity. No foreign key on the actor: the log outlives users.
CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  actor_user_id BIGINT NULL,
  actor_role VARCHAR(20) NULL,
  -- "<entity>.<verb>", e.g. "product.create", "inventory.adjust"
  action VARCHAR(64) NOT NULL,
  entity VARCHAR(64) NOT NULL,
  entity_id VARCHAR(64) NULL,
  -- What changed
  details JSON NULL,
  ip VARCHAR(64) NULL,
  request_id VARCHAR(128) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_audit_log_created_at (created_at),
  KEY idx_audit_log_entity_entity_id (entity, entity_id),
  KEY idx_audit_log_actor_user_id_created_at (actor_user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of an inventory row's quantity made by staff, with the quantity it left.
CREATE TABLE inventory_adjustments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  inventory_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  variant_id BIGINT NULL,
  warehouse_id BIGINT NOT NULL,
  delta INT NOT NULL,
  quantity_after INT NOT NULL,
  reason VARCHAR(255) NOT NULL,
  actor_user_id BIGINT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_inventory_adjustments_inventory_id_created_at (inventory_id, created_at),
  CONSTRAINT fk_inventory_adjustments_inventory_id FOREIGN KEY (inventory_id)
    REFERENCES inventory (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
