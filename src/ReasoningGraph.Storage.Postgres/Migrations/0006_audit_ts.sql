-- Audit events, version 6: a ts column for the Kernel's Go chain verifier.
--
-- The Kernel's Go verifier reads audit_events ordered by column ts; its Node tool (audit-verify.js) orders by
-- created_at. ts is generated from created_at (stored, so both tools read the same value and the same order), and
-- nothing writes it: inserts and COPY name their columns, and a generated column is never in them. Adding a stored
-- generated column rewrites the table under an exclusive lock (seconds per million events): on a large graph, run
-- the migration in a maintenance window.
ALTER TABLE audit_events ADD COLUMN ts timestamptz GENERATED ALWAYS AS (created_at) STORED;
