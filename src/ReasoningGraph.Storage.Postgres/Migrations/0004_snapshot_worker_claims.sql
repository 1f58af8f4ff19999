-- Snapshot worker claims, version 3. Finishers on several hosts share the work of signing pending snapshots and
-- archiving signed ones: a claim (FOR UPDATE SKIP LOCKED) counts an attempt and moves next_attempt_at to the end of
-- the claim's lease, a failure moves it to the end of the backoff, so the backoff survives restarts. archived_at is
-- set once the snapshot is in the archive; signed snapshots older than this migration have none and are archived by
-- the worker on its first passes (the archive refuses a second copy, which counts as done).
ALTER TABLE snapshots ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE snapshots ADD COLUMN last_error text;
ALTER TABLE snapshots ADD COLUMN archived_at timestamptz;

CREATE INDEX snapshots_work ON snapshots (graph_id, created_at, id) WHERE status = 'pending' OR archived_at IS NULL;
