-- Staff tools: the audit log of every write made through the admin API, and the ledger of
-- stock adjustments. Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS'.

-- Who did what to which entity. No foreign key on the actor: the log outlives users.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor_user_id INTEGER NULL,
  actor_role TEXT NULL,
  -- "<entity>.<verb>", e.g. "product.create", "inventory.adjust"
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NULL,
  -- JSON object with what changed
  details TEXT NULL,
  ip TEXT NULL,
  request_id TEXT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_audit_log_created_at ON audit_log (created_at);
CREATE INDEX idx_audit_log_entity_entity_id ON audit_log (entity, entity_id);
CREATE INDEX idx_audit_log_actor_user_id_created_at ON audit_log (actor_user_id, created_at);

-- Every change of an inventory row's quantity made by staff, with the quantity it left.
CREATE TABLE inventory_adjustments (
  id INTEGER PRIMARY KEY,
  inventory_id INTEGER NOT NULL REFERENCES inventory (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL,
  variant_id INTEGER NULL,
  warehouse_id INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  quantity_after INTEGER NOT NULL,
  reason TEXT NOT NULL,
  actor_user_id INTEGER NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_inventory_adjustments_inventory_id_created_at
  ON inventory_adjustments (inventory_id, created_at);
