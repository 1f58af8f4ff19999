using System.Text.Json;
using ReasoningGraph.Host.Http;

namespace ReasoningGraph.Host.Api;

/// <summary>One member of a JSON object: its name (unescaped) and where its value lies in the object's bytes.</summary>
internal readonly record struct BodyMember(string Name, JsonTokenType Token, Range Value);

/// <summary>
/// One forward pass of a reader over a body that <c>JsonBody</c> has checked (UTF-8, no duplicate keys, depth),
/// so reading cannot fail: the names of an object's members and the bounds of an array's elements, which is all the
/// routes must know before the library's contract reads each input from its own bytes.
/// </summary>
internal static class BodyMembers
{
    /// <summary>The canonical profile's depth limit, which <c>JsonBody</c> has already enforced (the reader's default is 64).</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>The members of the object <paramref name="json"/> holds; null when it holds another value.</summary>
    public static List<BodyMember>? Of(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var members = new List<BodyMember>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            var token = reader.TokenType;
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            members.Add(new BodyMember(name, token, start..(int)reader.BytesConsumed));
        }

        return members;
    }

    /// <summary>
    /// The bounds of each element of the array <paramref name="json"/> holds (the entries of <paramref name="field"/>);
    /// INVALID_PAYLOAD at the first that is not an object, without reading past it: that refusal needs nothing after it.
    /// </summary>
    public static List<Range> Objects(ReadOnlySpan<byte> json, string field)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        reader.Read();
        var objects = new List<Range>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw ApiErrors.InvalidPayload($"{field}[{objects.Count}]", "Each entry must be a JSON object.");
            }

            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            objects.Add(start..(int)reader.BytesConsumed);
        }

        return objects;
    }

    /// <summary>The member called <paramref name="name"/>, if the object has one.</summary>
    public static BodyMember? Find(List<BodyMember> members, string name)
    {
        foreach (var member in members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>False for a string member that cannot be decoded (it holds a lone surrogate escape); true for any other.</summary>
    public static bool IsText(ReadOnlySpan<byte> json, BodyMember member) => member.Token != JsonTokenType.String || TryDecode(json, member, out _);

    /// <summary>The text of a string member; null when it is not a string; INVALID_PAYLOAD when it cannot be decoded.</summary>
    public static string? Text(ReadOnlySpan<byte> json, BodyMember member, string field)
    {
        if (member.Token != JsonTokenType.String)
        {
            return null;
        }

        return TryDecode(json, member, out string? text) ? text : throw ApiErrors.InvalidPayload(field, LoneSurrogate(field));
    }

    /// <summary>
    /// The refusal of a string that is not text, in the API's words: the reader's own name .NET types, and a lone
    /// surrogate escape is the only way a string of a checked body fails to decode.
    /// </summary>
    public static string LoneSurrogate(string field) => $"'{field}' holds an unpaired surrogate escape, which is not text.";

    private static bool TryDecode(ReadOnlySpan<byte> json, BodyMember member, out string? text)
    {
        var reader = new Utf8JsonReader(json[member.Value], ReaderOptions);
        reader.Read();
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
}
