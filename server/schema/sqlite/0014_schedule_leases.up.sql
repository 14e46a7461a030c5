-- Scheduled tasks that run once per tick across nodes (backups, the reservation sweeper, ...):
-- one row per task. A node runs a tick when it moves last_tick forward while no other node
-- holds an unexpired lease; times are epoch seconds of the database's clock, never a node's.
CREATE TABLE schedule_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NULL,
  expires_at INTEGER NOT NULL DEFAULT 0,
  heartbeat_at INTEGER NOT NULL DEFAULT 0,
  last_tick INTEGER NOT NULL DEFAULT -1,
  last_success_at INTEGER NULL
);
