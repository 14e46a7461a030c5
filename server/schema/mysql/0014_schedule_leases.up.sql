-- Scheduled tasks that run once per tick across nodes (backups, the reservation sweeper, ...):
-- one row per task. A node runs a tick when it moves last_tick forward while no other node
-- holds an unexpired lease; times are epoch seconds of the database's clock, never a node's.
CREATE TABLE schedule_leases (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  holder VARCHAR(200) NULL,
  expires_at BIGINT NOT NULL DEFAULT 0,
  heartbeat_at BIGINT NOT NULL DEFAULT 0,
  last_tick BIGINT NOT NULL DEFAULT -1,
  last_success_at BIGINT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
