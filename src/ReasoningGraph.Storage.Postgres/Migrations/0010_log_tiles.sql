-- The verifiable log's interior hashes, version 10 (INTEROP §8; docs/VERIFIABLE_LOG.md "Stored tree").
--
-- The RFC 6962 tree over the audit chain is kept as tiles of height 8, as Go's sumdb/tlog and Tessera do: the tile
-- at (level L, idx N) holds, side by side, the 32-byte hashes of the tree's nodes at height 8·L numbered
-- 256·N to 256·N + 255 (level 0: the leaf hashes). Only the last tile of each level is partial; it only grows.
-- Every node a root or proof needs is computed from at most 128 hashes of one tile, so a proof reads a few tiles,
-- whatever the chain's length. Tiles are derived data: any host extends them from audit_events, and writing the
-- same tile twice writes the same bytes (an update only ever appends to a shorter prefix).
CREATE TABLE log_tiles (
    graph_id  text      NOT NULL,
    level     smallint  NOT NULL CHECK (level >= 0),
    idx       bigint    NOT NULL CHECK (idx >= 0),
    hashes    bytea     NOT NULL CHECK (length(hashes) BETWEEN 32 AND 8192 AND length(hashes) % 32 = 0),
    PRIMARY KEY (graph_id, level, idx)
);

-- Hashes do not compress: keep them out of line without trying.
ALTER TABLE log_tiles ALTER COLUMN hashes SET STORAGE EXTERNAL;
