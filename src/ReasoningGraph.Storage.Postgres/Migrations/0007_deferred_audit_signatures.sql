-- Audit events, version 7: a signature may arrive after its event.
--
-- In the deferred signing mode (the default) an event whose signer did not answer within the write's budget is
-- committed with its hash, link and time final and signature/signer_id NULL; a background worker fills both in, in
-- chain order. Both are NULL or neither is. The partial index keeps the worker's and the metrics' look-up for
-- pending events cheap however long the chain (it holds only the pending ones).
ALTER TABLE audit_events ALTER COLUMN signature DROP NOT NULL, ALTER COLUMN signer_id DROP NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_signed_whole CHECK ((signature IS NULL) = (signer_id IS NULL));
CREATE INDEX audit_events_unsigned ON audit_events (graph_id, position) WHERE signature IS NULL;
