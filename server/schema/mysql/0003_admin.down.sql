DROP TABLE IF EXISTS inventory_adjustments;
DROP TABLE IF EXISTS audit_log;
