using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// The strict RFC 8259 scanner. It reports the first problem met left to right, after a whole-input
/// UTF-8 check, with the precedence the Kernel's vectors fix (see vectors/README.md).
/// </summary>
internal sealed partial class JsonTape
{
    // Bytes that end a run of plain string content. 0xE2 starts U+2028/U+2029, which the Kernel escapes.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', 0xE2]);

    private static readonly bool[] IsStringStop = BuildStopTable();

    private bool _kernel;

    /// <summary>Scans <paramref name="json"/> into this tape and sorts every object's members.</summary>
    /// <exception cref="CanonicalizationException">The document is rejected.</exception>
    public void Parse(ReadOnlySpan<byte> json, CanonicalJsonOptions options)
    {
        if (!Utf8.IsValid(json))
        {
            throw new CanonicalizationException(CanonicalJsonError.InvalidUtf8, FirstInvalidUtf8(json));
        }

        _kernel = options.Profile == CanonicalProfile.Kernel;
        _tokens.EnsureCapacity(Math.Min(json.Length / 4, 1 << 20) + 1);
        try
        {
            Scan(json, options.MaxDepth);
        }
        catch (CanonicalizationException) when (HasDuplicateKeySoFar(json, out var position))
        {
            // A key is checked as soon as it is read, so a duplicate always precedes the later failure.
            throw new CanonicalizationException(CanonicalJsonError.DuplicateKey, position);
        }

        SortMembers(json);
    }

    private void Scan(ReadOnlySpan<byte> json, int maxDepth)
    {
        int i = SkipWhitespace(json, 0);
        while (true)
        {
            // A value starts at i.
            if (i >= json.Length)
            {
                throw Invalid(i);
            }

            switch (json[i])
            {
                case (byte)'{':
                    OpenContainer(JsonTokenKind.Object, maxDepth, i);
                    _keyFrames.Add(_keys.Count);
                    i = SkipWhitespace(json, i + 1);
                    if (i < json.Length && json[i] == (byte)'}')
                    {
                        CloseObject();
                        i++;
                        break;
                    }

                    i = ReadMemberKey(json, i);
                    continue;
                case (byte)'[':
                    OpenContainer(JsonTokenKind.Array, maxDepth, i);
                    i = SkipWhitespace(json, i + 1);
                    if (i < json.Length && json[i] == (byte)']')
                    {
                        CloseArray();
                        i++;
                        break;
                    }

                    continue;
                case (byte)'"':
                    i = ReadString(json, i, JsonTokenKind.String);
                    break;
                case (byte)'t':
                    i = ReadLiteral(json, i, "true"u8, JsonTokenKind.True);
                    break;
                case (byte)'f':
                    i = ReadLiteral(json, i, "false"u8, JsonTokenKind.False);
                    break;
                case (byte)'n':
                    i = ReadLiteral(json, i, "null"u8, JsonTokenKind.Null);
                    break;
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                    i = ReadNumber(json, i);
                    break;
                default:
                    throw Invalid(i);
            }

            // A value ended at i: close containers until one wants another element.
            while (true)
            {
                i = SkipWhitespace(json, i);
                if (_containers.Count == 0)
                {
                    if (i != json.Length)
                    {
                        throw Invalid(i);
                    }

                    return;
                }

                if (i >= json.Length)
                {
                    throw Invalid(i);
                }

                bool inObject = _tokens.Items[_containers.Items[_containers.Count - 1]].Kind == JsonTokenKind.Object;
                byte c = json[i];
                if (c == (byte)',')
                {
                    i = SkipWhitespace(json, i + 1);
                    if (inObject)
                    {
                        i = ReadMemberKey(json, i);
                    }

                    break;
                }

                if (c != (inObject ? (byte)'}' : (byte)']'))
                {
                    throw Invalid(i);
                }

                if (inObject)
                {
                    CloseObject();
                }
                else
                {
                    CloseArray();
                }

                i++;
            }
        }
    }

    private void OpenContainer(JsonTokenKind kind, int maxDepth, int position)
    {
        if (_containers.Count >= maxDepth)
        {
            throw new CanonicalizationException(CanonicalJsonError.MaxDepth, position);
        }

        _containers.Add(_tokens.Add(new JsonToken { Kind = kind }));
    }

    private void CloseArray()
    {
        int index = _containers.Pop();
        _tokens.Items[index].Aux = _tokens.Count;
    }

    private void CloseObject()
    {
        int index = _containers.Pop();
        int firstKey = _keyFrames.Pop();

        int count = _keys.Count - firstKey;
        ref var token = ref _tokens.Items[index];
        token.Start = _members.Count;
        token.Length = count;
        token.Aux = _tokens.Count;
        _members.EnsureCapacity(_members.Count + count);
        _keys.Items.AsSpan(firstKey, count).CopyTo(_members.Items.AsSpan(_members.Count));
        _members.Truncate(_members.Count + count);
        _keys.Truncate(firstKey);
    }

    private int ReadMemberKey(ReadOnlySpan<byte> json, int i)
    {
        if (i >= json.Length || json[i] != (byte)'"')
        {
            throw Invalid(i);
        }

        i = ReadString(json, i, JsonTokenKind.Key);
        _keys.Add(_tokens.Count - 1);
        i = SkipWhitespace(json, i);
        if (i >= json.Length || json[i] != (byte)':')
        {
            throw Invalid(i);
        }

        return SkipWhitespace(json, i + 1);
    }

    private int ReadLiteral(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal, JsonTokenKind kind)
    {
        if (!json[i..].StartsWith(literal))
        {
            throw Invalid(i);
        }

        _tokens.Add(new JsonToken { Kind = kind, Start = i, Length = literal.Length });
        return i + literal.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static bool[] BuildStopTable()
    {
        var table = new bool[256];
        for (int b = 0; b < 256; b++)
        {
            table[b] = StringStops.Contains((byte)b);
        }

        return table;
    }

    private static CanonicalizationException Invalid(int position) =>
        new(CanonicalJsonError.InvalidJson, position);

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        int i = 0;
        while (i < json.Length && Rune.DecodeFromUtf8(json[i..], out _, out int consumed) == OperationStatus.Done)
        {
            i += consumed;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
