-- Durable background jobs (issue 6): a queue table. A job is inserted in the transaction of the
-- change that causes it; workers claim due jobs with a conditional update and a lease
-- (locked_until), so several nodes may work the same table and a crashed worker's job is
-- claimed again when its lease runs out.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 5,
  run_after TEXT NOT NULL,
  locked_by TEXT NULL,
  locked_until TEXT NULL,
  last_error TEXT NULL,
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  result TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT NULL,
  CHECK (status IN ('queued', 'running', 'done', 'dead')),
  CHECK (attempts >= 0 AND max_attempts >= 1)
);
CREATE INDEX idx_jobs_status_run_after ON jobs (status, run_after);
CREATE INDEX idx_jobs_status_locked_until ON jobs (status, locked_until);
CREATE INDEX idx_jobs_kind_status ON jobs (kind, status);
