-- Snapshot lifecycle, version 2. A snapshot row is written 'pending' with the canonical bytes it will sign
-- (signed_bytes) and becomes 'signed' in one transaction with its document, signature and audit event. The request id
-- makes creation idempotent (one request id, one snapshot per graph); depth and actor let any instance finish a
-- pending snapshot later with the same audit event it would have written.
ALTER TABLE snapshots ADD COLUMN request_id text;
ALTER TABLE snapshots ADD COLUMN depth integer NOT NULL DEFAULT 2;
ALTER TABLE snapshots ADD COLUMN actor text NOT NULL DEFAULT 'system';
ALTER TABLE snapshots ADD CONSTRAINT snapshots_signed_complete
    CHECK (status <> 'signed' OR (document IS NOT NULL AND audit_event_id IS NOT NULL));

CREATE UNIQUE INDEX snapshots_request ON snapshots (graph_id, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX snapshots_pending ON snapshots (graph_id, created_at, id) WHERE status = 'pending';
