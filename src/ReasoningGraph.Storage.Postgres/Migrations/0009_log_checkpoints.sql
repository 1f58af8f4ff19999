-- Stored checkpoints of the verifiable audit log, version 9.
--
-- log_checkpoints is append-only: each row is a signed checkpoint (a C2SP signed note) of the graph's first
-- tree_size audit events, and the latest is the row of the largest tree. Every row has its audit event
-- (entity_id = id, entityHash = SHA-256 of signed_note), written in the same transaction under the head lock and
-- therefore after the events the checkpoint covers: its position is above tree_size. The primary key makes a
-- second host's checkpoint of the same size fail instead of doubling it.
CREATE TABLE log_checkpoints (
    graph_id        text         NOT NULL,
    tree_size       bigint       NOT NULL CHECK (tree_size > 0),
    id              uuid         NOT NULL,
    signed_note     text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    audit_event_id  uuid         NOT NULL,
    PRIMARY KEY (graph_id, tree_size)
);
