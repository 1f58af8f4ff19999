using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Registry;

/// <summary>
/// The public keys verifiers trust, by signer id. Reads the three registry file shapes of INTEROP.md §2;
/// several keys may be valid at once (rotation), and each signature is checked with the key of the signer
/// it names. Immutable and thread-safe.
/// </summary>
public sealed partial class SignerRegistry : IDigestVerifier
{
    private readonly FrozenDictionary<string, RegisteredSigner> _signers;

    /// <summary>Creates a registry.</summary>
    /// <param name="signers">The signers; ids are case-sensitive and must be unique.</param>
    /// <exception cref="ArgumentException">Two signers share an id.</exception>
    public SignerRegistry(IEnumerable<RegisteredSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        var byId = new Dictionary<string, RegisteredSigner>(StringComparer.Ordinal);
        foreach (var signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer, nameof(signers));
            if (!byId.TryAdd(signer.SignerId, signer))
            {
                throw new ArgumentException($"Signer id '{signer.SignerId}' appears more than once.", nameof(signers));
            }
        }

        _signers = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A registry trusting exactly the public keys of the given local signers.</summary>
    /// <param name="signers">The signers; ids must be unique.</param>
    /// <returns>The registry.</returns>
    public static SignerRegistry For(params IEnumerable<LocalEd25519Signer> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        return new(signers.Select(s => RegisteredSigner.ForEd25519(s.SignerId, s.PublicKey)));
    }

    /// <summary>A registry that knows no signer: every verification fails.</summary>
    public static SignerRegistry Empty { get; } = new([]);

    /// <summary>The registered signers, in no particular order.</summary>
    public IReadOnlyCollection<RegisteredSigner> Signers => _signers.Values;

    /// <summary>Whether a signer id is registered.</summary>
    /// <param name="signerId">The signer id (case-sensitive).</param>
    /// <returns>True when registered.</returns>
    public bool Contains(string signerId)
    {
        ArgumentNullException.ThrowIfNull(signerId);
        return _signers.ContainsKey(signerId);
    }

    /// <summary>Looks up a signer.</summary>
    /// <param name="signerId">The signer id (case-sensitive).</param>
    /// <param name="signer">The entry, when registered.</param>
    /// <returns>True when registered.</returns>
    public bool TryGetSigner(string signerId, [NotNullWhen(true)] out RegisteredSigner? signer)
    {
        ArgumentNullException.ThrowIfNull(signerId);
        return _signers.TryGetValue(signerId, out signer);
    }

    /// <inheritdoc/>
    public bool IsKnownSigner(string signerId) => Contains(signerId);

    /// <inheritdoc/>
    public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) =>
        TryGetSigner(signerId, out var signer) && signer.Verify(digest, signature);

    /// <summary>
    /// A registry holding the signers of this one and of <paramref name="other"/>. The same id may appear in both
    /// only with the same key.
    /// </summary>
    /// <param name="other">The other registry.</param>
    /// <returns>The union.</returns>
    /// <exception cref="ArgumentException">An id is registered in both with different keys.</exception>
    public SignerRegistry Union(SignerRegistry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = new Dictionary<string, RegisteredSigner>(_signers, StringComparer.Ordinal);
        foreach (var signer in other.Signers)
        {
            if (merged.TryGetValue(signer.SignerId, out var existing))
            {
                if (!existing.HasSameKey(signer))
                {
                    throw new ArgumentException($"Signer id '{signer.SignerId}' is registered twice with different keys.", nameof(other));
                }

                continue;
            }

            merged.Add(signer.SignerId, signer);
        }

        return new SignerRegistry(merged.Values);
    }

    /// <summary>
    /// The registry as JSON in the first shape of INTEROP.md §2:
    /// <c>{"signers":[{"signerId","publicKey":"&lt;base64 SPKI&gt;","algorithm"}]}</c>, signers sorted by id.
    /// </summary>
    /// <returns>Indented UTF-8 JSON with a trailing newline.</returns>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("signers");
            foreach (var signer in _signers.Values.OrderBy(s => s.SignerId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("signerId", signer.SignerId);
                json.WriteString("publicKey", Convert.ToBase64String(signer.SubjectPublicKeyInfo.Span));
                json.WriteString("algorithm", signer.Algorithm == SignerAlgorithm.Ed25519 ? AlgorithmEd25519 : AlgorithmRsaSha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}
