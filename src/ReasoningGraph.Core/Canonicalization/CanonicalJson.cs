using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Canonicalization.Internal;

namespace ReasoningGraph.Canonicalization;

/// <summary>
/// Turns JSON text into its canonical UTF-8 bytes: the bytes that are hashed and signed. The default
/// <see cref="CanonicalProfile.Kernel"/> profile is byte-identical to the Go Kernel; input that would make
/// a signature ambiguous (duplicate keys, invalid UTF-8, lone surrogates, out-of-range numbers, excessive
/// nesting) is rejected with a <see cref="CanonicalizationException"/>.
/// </summary>
/// <remarks>
/// Thread-safe. Working memory is pooled and linear in the input size; the byte-array overloads allocate
/// only the returned array.
/// </remarks>
public static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Canonicalizes a UTF-8 JSON document.</summary>
    /// <param name="utf8Json">The document, as raw UTF-8 bytes (no BOM).</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="CanonicalizationException">The document is rejected; see <see cref="CanonicalizationException.Reason"/>.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options = null)
    {
        var buffer = Run(utf8Json, options, out int length);
        try
        {
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            CanonicalEmitter.Return(buffer);
        }
    }

    /// <inheritdoc cref="Canonicalize(ReadOnlySpan{byte}, CanonicalJsonOptions?)"/>
    public static byte[] Canonicalize(ReadOnlySequence<byte> utf8Json, CanonicalJsonOptions? options = null)
    {
        if (utf8Json.IsSingleSegment)
        {
            return Canonicalize(utf8Json.FirstSpan, options);
        }

        var joined = ArrayPool<byte>.Shared.Rent(checked((int)utf8Json.Length));
        try
        {
            utf8Json.CopyTo(joined);
            return Canonicalize(joined.AsSpan(0, (int)utf8Json.Length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>Canonicalizes a JSON document held in a string.</summary>
    /// <param name="json">The document. A lone surrogate <c>char</c> is rejected as <c>lone-surrogate</c>.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="CanonicalizationException">The document is rejected.</exception>
    public static byte[] Canonicalize(string json, CanonicalJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] utf8;
        try
        {
            utf8 = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        }
        catch (ArgumentOutOfRangeException)
        {
            utf8 = StrictUtf8.GetBytes(json);
        }

        try
        {
            int length = StrictUtf8.GetBytes(json, utf8);
            return Canonicalize(utf8.AsSpan(0, length), options);
        }
        catch (EncoderFallbackException e)
        {
            throw new CanonicalizationException(CanonicalJsonError.LoneSurrogate, e.Index);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Canonicalizes a UTF-8 JSON document into <paramref name="destination"/>.</summary>
    /// <param name="utf8Json">The document, as raw UTF-8 bytes.</param>
    /// <param name="destination">Receives the canonical bytes; nothing is written when the document is rejected.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="CanonicalizationException">The document is rejected.</exception>
    public static int Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> destination, CanonicalJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = Run(utf8Json, options, out int length);
        try
        {
            destination.Write(buffer.AsSpan(0, length));
            return length;
        }
        finally
        {
            CanonicalEmitter.Return(buffer);
        }
    }

    /// <summary>Reads a whole document from <paramref name="utf8Json"/> and writes its canonical bytes to <paramref name="destination"/>.</summary>
    /// <param name="utf8Json">The document stream; read to its end, not disposed.</param>
    /// <param name="destination">Receives the canonical bytes; nothing is written when the document is rejected.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <param name="cancellationToken">Cancels reading and writing.</param>
    /// <exception cref="CanonicalizationException">The document is rejected.</exception>
    public static async Task CanonicalizeAsync(Stream utf8Json, Stream destination, CanonicalJsonOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(destination);
        var input = await StreamBuffer.ReadAllAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        byte[] output;
        int length;
        try
        {
            output = Run(input.Span, options, out length);
        }
        finally
        {
            input.Dispose();
        }

        try
        {
            await destination.WriteAsync(output.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CanonicalEmitter.Return(output);
        }
    }

    /// <summary>The SHA-256 digest of the canonical bytes of a document.</summary>
    /// <param name="utf8Json">The document, as raw UTF-8 bytes.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="CanonicalizationException">The document is rejected.</exception>
    public static byte[] ComputeSha256(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options = null)
    {
        var buffer = Run(utf8Json, options, out int length);
        try
        {
            return SHA256.HashData(buffer.AsSpan(0, length));
        }
        finally
        {
            CanonicalEmitter.Return(buffer);
        }
    }

    /// <summary>Serializes a typed item and canonicalizes it.</summary>
    /// <remarks>
    /// Whether absent optional fields are omitted is decided by <paramref name="typeInfo"/>: Reasoning Graph's
    /// own model never writes them as <c>null</c>, while <c>null</c>s inside JSON payloads are kept.
    /// </remarks>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="value">The item.</param>
    /// <param name="typeInfo">Source-generated serialization metadata for <typeparamref name="T"/>.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="CanonicalizationException">The serialized item is rejected (for example a non-finite number).</exception>
    public static byte[] SerializeToCanonicalBytes<T>(T value, JsonTypeInfo<T> typeInfo, CanonicalJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var writer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(writer))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        return Canonicalize(writer.WrittenSpan, options);
    }

    /// <summary>Lowercase hexadecimal of a digest, as used in hashes and audit records.</summary>
    /// <param name="digest">The bytes to encode.</param>
    /// <returns>Lowercase hex text.</returns>
    public static string ToHex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    /// <summary>
    /// Checks that a document would canonicalize, by the same rules and with the same reasons, without producing the
    /// canonical bytes: the strict reader for input that is parsed by other means afterwards (request bodies).
    /// </summary>
    /// <param name="utf8Json">The document, as raw UTF-8 bytes.</param>
    /// <param name="options">The profile and limits; <see cref="CanonicalJsonOptions.Kernel"/> when null.</param>
    /// <remarks>
    /// A rejection is counted in <c>reasoning_graph_canonicalization_failures_total</c> by its reason: input refused at
    /// the door is what that metric (and the alert on it) watches.
    /// </remarks>
    /// <exception cref="CanonicalizationException">The document is rejected; see <see cref="CanonicalizationException.Reason"/>.</exception>
    public static void Validate(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options = null)
    {
        using var tape = JsonTape.Rent();
        try
        {
            tape.Parse(utf8Json, options ?? CanonicalJsonOptions.Kernel);
        }
        catch (CanonicalizationException e)
        {
            CanonicalizationMetrics.Failures.Add(e.Reason);
            throw;
        }
    }

    private static byte[] Run(ReadOnlySpan<byte> utf8Json, CanonicalJsonOptions? options, out int length)
    {
        options ??= CanonicalJsonOptions.Kernel;
        using var tape = JsonTape.Rent();
        tape.Parse(utf8Json, options);
        return CanonicalEmitter.Emit(tape, utf8Json, options.Profile == CanonicalProfile.Kernel, out length);
    }
}
