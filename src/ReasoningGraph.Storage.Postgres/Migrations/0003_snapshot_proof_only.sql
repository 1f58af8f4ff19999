-- Snapshot storage, version 3: the megabytes are written once, and cheaply.
--
-- A signed document is its signed_bytes with the proof (hash, signer_kid, signature) spliced in (INTEROP section 3,
-- SnapshotDocumentSigner.AssembleDocument), so signing now stores only the proof and reads rebuild the document byte
-- for byte. document stays null for such rows; it is still written whole for rows signed before this version and for a
-- document that is not exactly that splice, so every stored document is served as it was signed.
ALTER TABLE snapshots DROP CONSTRAINT snapshots_signed_complete;
ALTER TABLE snapshots ADD CONSTRAINT snapshots_signed_audited CHECK (status <> 'signed' OR audit_event_id IS NOT NULL);

-- The default TOAST compression (pglz) is slow on megabytes of snapshot JSON: about 250 ms for 5.4 MB against about
-- 20 ms with lz4, at the same ratio (PostgreSQL 15, development machine). Servers older than 14 or built without lz4 store the bytes uncompressed instead,
-- which is also far cheaper than pglz. Dynamic SQL, so that the older syntax error is caught too.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE snapshots ALTER COLUMN signed_bytes SET COMPRESSION lz4, ALTER COLUMN document SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    ALTER TABLE snapshots ALTER COLUMN signed_bytes SET STORAGE EXTERNAL, ALTER COLUMN document SET STORAGE EXTERNAL;
END
$$;
