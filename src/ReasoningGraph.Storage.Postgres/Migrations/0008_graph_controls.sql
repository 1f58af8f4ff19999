-- Operator switches, version 8: signing hold and read-only, durable and shared by every host of a graph.
--
-- graph_control_changes is append-only: each change is a row, and the switch's state is its latest row. Every
-- change has its audit event (entity_id = id, entityHash = SHA-256 of the change's canonical record), written in
-- the same transaction. A held graph's snapshots wait with status on_hold instead of pending.
CREATE TABLE graph_control_changes (
    graph_id        text         NOT NULL,
    id              uuid         NOT NULL,
    control         text         NOT NULL CHECK (control IN ('signing_hold', 'read_only')),
    enabled         boolean      NOT NULL,
    reason          text         NOT NULL,
    actor           text         NOT NULL,
    changed_at      timestamptz  NOT NULL,
    audit_event_id  uuid         NOT NULL,
    PRIMARY KEY (graph_id, id)
);

CREATE INDEX graph_control_changes_latest ON graph_control_changes (graph_id, control, changed_at DESC);

ALTER TABLE snapshots DROP CONSTRAINT snapshots_status_check;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_status_check CHECK (status IN ('pending', 'signed', 'failed', 'on_hold'));
CREATE INDEX snapshots_on_hold ON snapshots (graph_id, created_at, id) WHERE status = 'on_hold';
