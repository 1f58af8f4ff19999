-- Reasoning Graph schema, version 1.
--
-- Every table carries graph_id and every primary, unique and foreign key starts with it, so the tables can be
-- distributed by graph_id (Citus) and one database can hold many independent graphs. Items are append-only.
-- seq is per graph: strictly increasing in commit order and gap-free, assigned under the graph_heads row lock.
-- payload/metadata are kept twice: as jsonb for queries, and as the exact JSON bytes that were written
-- (*_raw), which is what reads return, because jsonb reorders keys, normalizes numbers and drops -0.

CREATE TABLE graph_heads (
    graph_id          text        NOT NULL,
    max_seq           bigint      NOT NULL DEFAULT 0,
    audit_position    bigint      NOT NULL DEFAULT 0,
    audit_hash        text,
    audit_created_at  timestamptz,
    PRIMARY KEY (graph_id)
);

INSERT INTO graph_heads (graph_id) VALUES ('default');

CREATE TABLE nodes (
    graph_id               text             NOT NULL DEFAULT 'default',
    id                     uuid             NOT NULL,
    seq                    bigint           NOT NULL,
    type                   text             NOT NULL,
    author                 text             NOT NULL,
    created_at             timestamptz      NOT NULL,
    payload                jsonb,
    metadata               jsonb,
    confidence             double precision,
    payload_raw            bytea            NOT NULL,
    metadata_raw           bytea            NOT NULL,
    version                text,
    manifest_signature_id  text,
    audit_event_id         text,
    PRIMARY KEY (graph_id, id)
);

CREATE UNIQUE INDEX nodes_seq ON nodes (graph_id, seq);
CREATE INDEX nodes_type ON nodes (graph_id, type, seq);
CREATE INDEX nodes_author ON nodes (graph_id, author, seq);
CREATE INDEX nodes_created_at ON nodes (graph_id, created_at);
CREATE INDEX nodes_confidence ON nodes (graph_id, confidence) WHERE confidence IS NOT NULL;
CREATE INDEX nodes_tags ON nodes USING gin ((metadata -> 'tags') jsonb_path_ops);

CREATE TABLE edges (
    graph_id        text             NOT NULL DEFAULT 'default',
    id              uuid             NOT NULL,
    seq             bigint           NOT NULL,
    from_id         uuid             NOT NULL,
    to_id           uuid             NOT NULL,
    type            text             NOT NULL,
    weight          double precision,
    created_at      timestamptz      NOT NULL,
    metadata        jsonb,
    metadata_raw    bytea            NOT NULL,
    audit_event_id  text,
    PRIMARY KEY (graph_id, id),
    FOREIGN KEY (graph_id, from_id) REFERENCES nodes (graph_id, id),
    FOREIGN KEY (graph_id, to_id) REFERENCES nodes (graph_id, id)
);

CREATE UNIQUE INDEX edges_seq ON edges (graph_id, seq);
-- Frontier expansion in both directions: the edges of a set of nodes, visible as of a seq.
CREATE INDEX edges_from ON edges (graph_id, from_id, seq);
CREATE INDEX edges_to ON edges (graph_id, to_id, seq);
CREATE INDEX edges_type ON edges (graph_id, type, seq);
CREATE INDEX edges_created_at ON edges (graph_id, created_at);

CREATE TABLE annotations (
    graph_id         text         NOT NULL DEFAULT 'default',
    id               uuid         NOT NULL,
    seq              bigint       NOT NULL,
    target_id        uuid         NOT NULL,
    target_type      text         NOT NULL CHECK (target_type IN ('node', 'edge')),
    annotation_type  text         NOT NULL,
    author           text         NOT NULL,
    created_at       timestamptz  NOT NULL,
    payload          jsonb,
    payload_raw      bytea        NOT NULL,
    PRIMARY KEY (graph_id, id)
);

CREATE UNIQUE INDEX annotations_seq ON annotations (graph_id, seq);
CREATE INDEX annotations_target ON annotations (graph_id, target_id, seq);
CREATE INDEX annotations_type ON annotations (graph_id, annotation_type, seq);
CREATE INDEX annotations_author ON annotations (graph_id, author, seq);
CREATE INDEX annotations_created_at ON annotations (graph_id, created_at);

-- Signed snapshots. signed_bytes are the exact canonical bytes that were hashed and signed: bytea, never jsonb.
-- A snapshot has status signed only when both the bytes and the signature exist.
CREATE TABLE snapshots (
    graph_id         text         NOT NULL DEFAULT 'default',
    id               uuid         NOT NULL,
    created_at       timestamptz  NOT NULL,
    root_ids         uuid[]       NOT NULL,
    audience         text         NOT NULL,
    status           text         NOT NULL CHECK (status IN ('pending', 'signed', 'failed')),
    signed_bytes     bytea,
    document         bytea,
    hash             text,
    signer_kid       text,
    signature        text,
    audit_event_id   uuid,
    PRIMARY KEY (graph_id, id),
    CHECK (status <> 'signed' OR (signed_bytes IS NOT NULL AND hash IS NOT NULL AND signer_kid IS NOT NULL AND signature IS NOT NULL))
);

CREATE INDEX snapshots_created_at ON snapshots (graph_id, created_at);

-- The audit chain (INTEROP section 4, read directly by the audit-verify command of the Kernel): one linear chain
-- per graph. position, graph_id and entity_id are additions the Kernel ignores.
CREATE TABLE audit_events (
    graph_id    text         NOT NULL DEFAULT 'default',
    id          uuid         NOT NULL,
    position    bigint       NOT NULL,
    event_type  text         NOT NULL,
    payload     jsonb        NOT NULL,
    hash        text         NOT NULL,
    prev_hash   text,
    signature   text         NOT NULL,
    signer_id   text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    entity_id   uuid,
    PRIMARY KEY (graph_id, id)
);

CREATE UNIQUE INDEX audit_events_position ON audit_events (graph_id, position);
-- The verifier orders by created_at, which must strictly increase along the chain.
CREATE UNIQUE INDEX audit_events_created_at ON audit_events (graph_id, created_at);
-- No fork: at most one event links to any predecessor (and at most one event starts the chain).
CREATE UNIQUE INDEX audit_events_link ON audit_events (graph_id, (coalesce(prev_hash, '')));
CREATE INDEX audit_events_entity ON audit_events (graph_id, entity_id);
