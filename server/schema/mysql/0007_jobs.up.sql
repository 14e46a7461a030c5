-- Durable background jobs (issue 6): a queue table. A job is inserted in the transaction of the
-- change that causes it; workers claim due jobs with a conditional update and a lease
-- (locked_until), so several nodes may work the same table and a crashed worker's job is
-- claimed again when its lease runs out.
CREATE TABLE jobs (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(64) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'queued',
  attempts INT NOT NULL DEFAULT 0,
  max_attempts INT NOT NULL DEFAULT 5,
  run_after DATETIME NOT NULL,
  locked_by VARCHAR(64) NULL,
  locked_until DATETIME NULL,
  last_error TEXT NULL,
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  result TEXT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  finished_at DATETIME NULL,
  KEY idx_jobs_status_run_after (status, run_after),
  KEY idx_jobs_status_locked_until (status, locked_until),
  KEY idx_jobs_kind_status (kind, status),
  CONSTRAINT chk_jobs_status CHECK (status IN ('queued', 'running', 'done', 'dead')),
  CONSTRAINT chk_jobs_attempts CHECK (attempts >= 0 AND max_attempts >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
