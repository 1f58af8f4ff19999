using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Redaction.Internal;

namespace ReasoningGraph.Redaction;

public sealed partial class PiiRedactor
{
    private const int NoRule = -1;

    private static readonly SearchValues<byte> PlainStringBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 @._+-:,#()"u8);

    // One set of buffers per thread: a redaction allocates only its result.
    [ThreadStatic]
    private static Walk? _threadWalk;

    /// <summary>
    /// Redacts <paramref name="document"/>: a read-only scan stops at the first catalogued value (or proves there is
    /// none), then one pass writes the copy, copying subtrees no catalog path can reach as raw bytes. True (with the
    /// copy) when anything was redacted.
    /// </summary>
    internal bool TryRedact(JsonElement document, out JsonElement redacted)
    {
        redacted = document;
        if (_matcher.RuleCount == 0 || document.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false; // '$' itself is never catalogued, so only containers can hold a match.
        }

        var walk = _threadWalk ??= new Walk();
        walk.Reset();
        int start = walk.States.Begin();
        for (int r = 0; r < _matcher.RuleCount; r++)
        {
            walk.States.AddDistinct(r << 8);
        }

        // Most documents hold no catalogued value: a read-only scan proves it without writing or parsing a copy.
        if (!Matches(walk.States, document, start, walk.States.Count))
        {
            return false;
        }

        WriteValue(walk, document, start, walk.States.Count);

        walk.Writer.Flush();
        var reader = new Utf8JsonReader(walk.Output.WrittenSpan);
        redacted = JsonElement.ParseValue(ref reader);
        return true;
    }

    private void WriteValue(Walk walk, JsonElement value, int start, int end)
    {
        var writer = walk.Writer;
        if (start == end || value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            return;
        }

        var states = walk.States;
        if (value.ValueKind == JsonValueKind.Object)
        {
            writer.WriteStartObject();
            foreach (var member in value.EnumerateObject())
            {
                int childStart = states.Begin();
                _matcher.StepMember(states.Slice(start, end), member, states);
                int rule = Winner(states.Slice(childStart, states.Count));
                if (rule == NoRule || _modes[rule] != RedactionMode.FullRemoval)
                {
                    WriteName(writer, member);
                    WriteChild(walk, member.Value, rule, childStart, states.Count);
                }

                states.Truncate(childStart);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        int index = 0;
        foreach (var element in value.EnumerateArray())
        {
            int childStart = states.Begin();
            _matcher.StepElement(states.Slice(start, end), index++, states);
            int rule = Winner(states.Slice(childStart, states.Count));
            if (rule == NoRule || _modes[rule] != RedactionMode.FullRemoval)
            {
                WriteChild(walk, element, rule, childStart, states.Count);
            }

            states.Truncate(childStart);
        }

        writer.WriteEndArray();
    }

    /// <summary>True when some value under <paramref name="value"/> is matched by a rule that redacts it.</summary>
    private bool Matches(StateBuffer states, JsonElement value, int start, int end)
    {
        if (start == end || value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return false;
        }

        bool found = false;
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                int childStart = states.Begin();
                _matcher.StepMember(states.Slice(start, end), member, states);
                found = Winner(states.Slice(childStart, states.Count)) != NoRule || Matches(states, member.Value, childStart, states.Count);
                states.Truncate(childStart);
                if (found)
                {
                    break;
                }
            }

            return found;
        }

        int index = 0;
        foreach (var element in value.EnumerateArray())
        {
            int childStart = states.Begin();
            _matcher.StepElement(states.Slice(start, end), index++, states);
            found = Winner(states.Slice(childStart, states.Count)) != NoRule || Matches(states, element, childStart, states.Count);
            states.Truncate(childStart);
            if (found)
            {
                break;
            }
        }

        return found;
    }

    private void WriteChild(Walk walk, JsonElement value, int rule, int start, int end)
    {
        if (rule == NoRule)
        {
            WriteValue(walk, value, start, end);
            return;
        }

        if (_modes[rule] == RedactionMode.RedactedSummary)
        {
            walk.Writer.WriteStringValue(_summaries[rule]);
        }
        else
        {
            WriteHash(walk, value);
        }
    }

    /// <summary>The rule that decides a matched value: the strongest mode wins (removal, then summary, then hash), then catalog order.</summary>
    private int Winner(ReadOnlySpan<int> states)
    {
        int winner = NoRule;
        foreach (int state in states)
        {
            if (_matcher.IsComplete(state))
            {
                int rule = PathMatcher.Rule(state);
                if (winner == NoRule || Strength(_modes[rule]) > Strength(_modes[winner]) || (_modes[rule] == _modes[winner] && rule < winner))
                {
                    winner = rule;
                }
            }
        }

        return winner;
    }

    private static int Strength(RedactionMode mode) => mode switch
    {
        RedactionMode.FullRemoval => 3,
        RedactionMode.RedactedSummary => 2,
        _ => 1,
    };

    /// <summary>Writes <c>sha256:&lt;saltId&gt;:&lt;hex&gt;</c>: HMAC-SHA256(salt, canonical JSON bytes of the value).</summary>
    private void WriteHash(Walk walk, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        ReadOnlySpan<byte> bytes = raw;
        if (!IsCanonicalAsIs(raw))
        {
            walk.Canonical.ResetWrittenCount();
            try
            {
                CanonicalJson.Canonicalize(raw, walk.Canonical);
                bytes = walk.Canonical.WrittenSpan;
            }
            catch (CanonicalizationException)
            {
                // Stored payloads always canonicalize; an arbitrary document might not (a lone surrogate escape):
                // its stored bytes are hashed instead, still keyed and never in clear.
            }
        }

        var hmac = walk.HmacFor(_salt);
        hmac.AppendData(bytes);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.GetHashAndReset(mac);
        Span<byte> text = stackalloc byte[_hashPrefix.Length + (2 * HMACSHA256.HashSizeInBytes)];
        _hashPrefix.CopyTo(text);
        Convert.TryToHexStringLower(mac, text[_hashPrefix.Length..], out _);
        walk.Writer.WriteStringValue(text);
    }

    /// <summary>
    /// Literals, and strings of characters no canonical form escapes, are canonical as stored: the common
    /// identifiers (emails, phone numbers, codes) skip the canonicalizer. The property tests check the result
    /// against <see cref="CanonicalJson"/>.
    /// </summary>
    private static bool IsCanonicalAsIs(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1].IndexOfAnyExcept(PlainStringBytes) < 0 : raw.SequenceEqual("true"u8) || raw.SequenceEqual("false"u8) || raw.SequenceEqual("null"u8);

    private static void WriteName(Utf8JsonWriter writer, JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            writer.WritePropertyName(raw); // unescaped already: no string needed
        }
        else
        {
            writer.WritePropertyName(member.Name);
        }
    }

    private sealed class Walk
    {
        public ArrayBufferWriter<byte> Output { get; } = new(4096);

        public ArrayBufferWriter<byte> Canonical { get; } = new(256);

        public StateBuffer States { get; } = new();

        public Utf8JsonWriter Writer { get; }

        private IncrementalHash? _hmac;
        private byte[]? _hmacKey;

        /// <summary>A keyed HMAC kept per thread: keying costs more than hashing a short value.</summary>
        public IncrementalHash HmacFor(byte[] salt)
        {
            if (!ReferenceEquals(_hmacKey, salt))
            {
                _hmac?.Dispose();
                _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, salt);
                _hmacKey = salt;
            }

            return _hmac!;
        }

        public Walk() => Writer = new Utf8JsonWriter(Output, new JsonWriterOptions { SkipValidation = true });

        public void Reset()
        {
            Output.ResetWrittenCount();
            Writer.Reset(Output);
            States.Truncate(0);
        }
    }
}
