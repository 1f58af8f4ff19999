namespace ReasoningGraph.Archive;

/// <summary>
/// The metadata stored beside an archived document. Every value is read from the document itself
/// (<see cref="ArchiveDocument.FromDocument"/>), so the metadata can never disagree with the signed bytes it describes.
/// </summary>
public sealed record ArchiveMetadata
{
    /// <summary>The snapshot id.</summary>
    public required string SnapshotId { get; init; }

    /// <summary>Lowercase hex SHA-256 of the signed bytes.</summary>
    public required string Hash { get; init; }

    /// <summary>The signer id.</summary>
    public required string SignerKid { get; init; }

    /// <summary>Standard base64 of the signature.</summary>
    public required string Signature { get; init; }

    /// <summary>When the snapshot was taken (RFC 3339 text, as signed).</summary>
    public required string Timestamp { get; init; }

    /// <summary>Whether the payload may include PII, or null when the payload does not say.</summary>
    public bool? PiiIncluded { get; init; }

    /// <summary>The PII policy version, or null when the payload does not say.</summary>
    public string? PiiPolicyVersion { get; init; }

    /// <summary>
    /// The metadata as name/value pairs: <c>snapshot_id</c>, <c>hash</c>, <c>signer_kid</c>, <c>signature</c>, <c>ts</c>,
    /// <c>pii_included</c> and <c>pii_policy_version</c> (absent optional values left out).
    /// </summary>
    /// <returns>A new dictionary.</returns>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ArchiveMetadataKeys.SnapshotId] = SnapshotId,
            [ArchiveMetadataKeys.Hash] = Hash,
            [ArchiveMetadataKeys.SignerKid] = SignerKid,
            [ArchiveMetadataKeys.Signature] = Signature,
            [ArchiveMetadataKeys.Timestamp] = Timestamp,
        };
        if (PiiIncluded is { } pii)
        {
            values[ArchiveMetadataKeys.PiiIncluded] = pii ? "true" : "false";
        }

        if (PiiPolicyVersion is not null)
        {
            values[ArchiveMetadataKeys.PiiPolicyVersion] = PiiPolicyVersion;
        }

        return values;
    }

    /// <summary>Reads metadata back from name/value pairs (for example S3 object metadata).</summary>
    /// <param name="lookup">Returns the value stored under a name of <see cref="ToDictionary"/>, or null.</param>
    /// <returns>The metadata, or null when a required value is missing.</returns>
    public static ArchiveMetadata? FromLookup(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (lookup(ArchiveMetadataKeys.SnapshotId) is not { Length: > 0 } id || lookup(ArchiveMetadataKeys.Hash) is not { Length: > 0 } hash ||
            lookup(ArchiveMetadataKeys.SignerKid) is not { Length: > 0 } kid || lookup(ArchiveMetadataKeys.Signature) is not { Length: > 0 } signature ||
            lookup(ArchiveMetadataKeys.Timestamp) is not { Length: > 0 } ts)
        {
            return null;
        }

        return new ArchiveMetadata
        {
            SnapshotId = id,
            Hash = hash,
            SignerKid = kid,
            Signature = signature,
            Timestamp = ts,
            PiiIncluded = bool.TryParse(lookup(ArchiveMetadataKeys.PiiIncluded), out bool pii) ? pii : null,
            PiiPolicyVersion = lookup(ArchiveMetadataKeys.PiiPolicyVersion),
        };
    }
}
