using System.Text;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Redaction.Internal;

namespace ReasoningGraph.Redaction;

/// <summary>The <see cref="IPiiRedactor"/> driven by a <see cref="PiiCatalog"/> and a salt for <c>PII_HASH</c>.</summary>
public sealed partial class PiiRedactor : IPiiRedactor
{
    private readonly PathMatcher _matcher;
    private readonly RedactionMode[] _modes;
    private readonly JsonEncodedText[] _summaries;
    private readonly byte[] _salt;
    private readonly byte[] _hashPrefix;

    /// <summary>Creates a redactor.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="salt">The HMAC-SHA256 key of <c>PII_HASH</c>, at least 16 bytes; keep it secret, or low-entropy values can be guessed.</param>
    /// <param name="saltId">Names the salt in hashes (<c>sha256:&lt;saltId&gt;:&lt;hex&gt;</c>) so a rotated salt is recognisable: 1–64 of <c>A-Z a-z 0-9 . _ -</c>.</param>
    /// <exception cref="ArgumentException">The salt or salt id breaks the rules above.</exception>
    public PiiRedactor(PiiCatalog catalog, ReadOnlySpan<byte> salt, string saltId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(saltId);
        var problems = SaltRules.Check(salt.Length, saltId);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(salt));
        }

        // NON_PII entries document the catalog; they never redact, so they do not take part in matching.
        var rules = catalog.Fields.Where(f => f.EffectiveMode is not null).ToList();
        _matcher = new PathMatcher([.. rules.Select(f => f.Path)]);
        _modes = [.. rules.Select(f => f.EffectiveMode!.Value)];
        _summaries = [.. rules.Select(f => JsonEncodedText.Encode("[REDACTED:" + f.Label + "]"))];
        _salt = salt.ToArray();
        _hashPrefix = Encoding.UTF8.GetBytes("sha256:" + saltId + ":");
        Catalog = catalog;
        SaltId = saltId;
    }

    /// <inheritdoc/>
    public string PolicyVersion => Catalog.PolicyVersion;

    /// <inheritdoc/>
    public PiiCatalog Catalog { get; }

    /// <summary>The salt id written into <c>PII_HASH</c> values.</summary>
    public string SaltId { get; }

    /// <inheritdoc/>
    public JsonElement Redact(JsonElement document) => TryRedact(document, out var redacted) ? redacted : document;

    /// <inheritdoc/>
    public ReasoningNode Redact(ReasoningNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        bool payloadChanged = TryRedact(node.Payload, out var payload);
        bool metadataChanged = TryRedact(node.Metadata, out var metadata);
        return !payloadChanged && !metadataChanged ? node : node with
        {
            Payload = payloadChanged ? payload : node.Payload,
            Metadata = metadataChanged ? metadata : node.Metadata,
        };
    }

    /// <inheritdoc/>
    public ReasoningEdge Redact(ReasoningEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return !TryRedact(edge.Metadata, out var metadata) ? edge : edge with { Metadata = metadata };
    }

    /// <inheritdoc/>
    public ReasoningAnnotation Redact(ReasoningAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return !TryRedact(annotation.Payload, out var payload) ? annotation : annotation with { Payload = payload };
    }

    /// <inheritdoc/>
    public GraphItem Redact(GraphItem item) => item switch
    {
        ReasoningNode node => Redact(node),
        ReasoningEdge edge => Redact(edge),
        ReasoningAnnotation annotation => Redact(annotation),
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException($"Unknown item type {item.GetType()}.", nameof(item)),
    };
}
