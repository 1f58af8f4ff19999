using System.Text.Json;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive;

/// <summary>A snapshot document as an archive stores it: the exact bytes and the metadata beside them.</summary>
public sealed class ArchiveDocument
{
    /// <summary>Pairs stored bytes with the metadata stored beside them (what an archive returns on read).</summary>
    /// <param name="document">The stored bytes.</param>
    /// <param name="metadata">The stored metadata.</param>
    public ArchiveDocument(ReadOnlyMemory<byte> document, ArchiveMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Document = document;
        Metadata = metadata;
        Name = ArchiveNames.For(metadata.SnapshotId, metadata.Hash);
    }

    /// <summary>The document bytes, exactly as signed and served.</summary>
    public ReadOnlyMemory<byte> Document { get; }

    /// <summary>The metadata stored beside the document.</summary>
    public ArchiveMetadata Metadata { get; }

    /// <summary>The object name (<see cref="ArchiveNames.For"/>).</summary>
    public string Name { get; }

    /// <summary>The archive form of a signed snapshot.</summary>
    /// <param name="snapshot">The signed snapshot.</param>
    /// <returns>Its document and metadata.</returns>
    /// <exception cref="ArchiveException">The document lacks a member the metadata needs (<see cref="ErrorCodes.InvalidPayload"/>).</exception>
    public static ArchiveDocument FromSignedSnapshot(SignedSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return FromDocument(snapshot.Document);
    }

    /// <summary>
    /// Reads the metadata out of a snapshot document (INTEROP.md §3): <c>id</c>, <c>hash</c>, <c>signer_kid</c>,
    /// <c>signature</c>, <c>created_at</c> and the payload's <c>pii_included</c> and <c>pii_policy_version</c>.
    /// It does not verify the signature; verify with <see cref="SnapshotVerifier"/>.
    /// </summary>
    /// <param name="document">The document bytes.</param>
    /// <returns>The document with its metadata.</returns>
    /// <exception cref="ArchiveException">Not a snapshot document, or a value that cannot be stored as metadata (<see cref="ErrorCodes.InvalidPayload"/>).</exception>
    public static ArchiveDocument FromDocument(ReadOnlyMemory<byte> document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the document is not a JSON object");
            }

            var metadata = new ArchiveMetadata
            {
                SnapshotId = RequiredString(root, SnapshotDocumentFields.Id),
                Hash = RequiredString(root, SnapshotDocumentFields.Hash),
                SignerKid = RequiredString(root, SnapshotDocumentFields.SignerKid),
                Signature = RequiredString(root, SnapshotDocumentFields.Signature),
                Timestamp = RequiredString(root, SnapshotDocumentFields.CreatedAt),
            };
            if (root.TryGetProperty(SnapshotDocumentFields.Payload, out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                metadata = metadata with
                {
                    PiiIncluded = payload.TryGetProperty(ArchiveMetadataKeys.PiiIncluded, out var pii) && pii.ValueKind is JsonValueKind.True or JsonValueKind.False ? pii.GetBoolean() : null,
                    PiiPolicyVersion = payload.TryGetProperty(ArchiveMetadataKeys.PiiPolicyVersion, out var version) && version.ValueKind == JsonValueKind.String ? Storable(version.GetString()!, ArchiveMetadataKeys.PiiPolicyVersion) : null,
                };
            }

            if (!ArchiveNames.IsValidSnapshotId(metadata.SnapshotId) || !ArchiveNames.IsValidHash(metadata.Hash))
            {
                throw Invalid($"the id '{metadata.SnapshotId}' or hash '{metadata.Hash}' cannot name an archived object");
            }

            return new ArchiveDocument(document, metadata);
        }
        catch (JsonException e)
        {
            throw Invalid("the document is not valid JSON: " + e.Message, e);
        }
    }

    private static string RequiredString(JsonElement root, string member) =>
        root.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? Storable(text, member)
            : throw Invalid($"the document has no non-empty string '{member}'");

    // Object metadata travels in HTTP headers: printable ASCII only, so nothing is mangled on the way.
    private static string Storable(string value, string member) =>
        value.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E)
            ? throw Invalid($"'{member}' holds characters other than printable ASCII, which object metadata cannot carry")
            : value;

    private static ArchiveException Invalid(string why, Exception? inner = null) =>
        new(ErrorCodes.InvalidPayload, ArchiveFailureReasons.InvalidDocument, "Not an archivable snapshot document: " + why + ".", transient: false, innerException: inner);
}
