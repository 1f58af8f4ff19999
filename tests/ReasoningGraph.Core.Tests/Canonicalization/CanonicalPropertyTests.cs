using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Canonicalization;

/// <summary>The invariants that make canonical bytes safe to sign.</summary>
[Properties(Arbitrary = [typeof(JsonTreeGenerators)], MaxTest = 300)]
public sealed class CanonicalPropertyTests
{
    public static readonly TheoryData<CanonicalProfile> Profiles = [CanonicalProfile.Kernel, CanonicalProfile.Rfc8785];

    [Property]
    public bool Canonicalize_IsIndependentOfKeyOrderWhitespaceAndEscapes(JsonTree tree, int seedA, int seedB, bool rfc)
    {
        var options = Options(rfc);
        var a = CanonicalJson.Canonicalize(tree.Render(new Random(seedA)), options);
        var b = CanonicalJson.Canonicalize(tree.Render(new Random(seedB)), options);
        return a.AsSpan().SequenceEqual(b);
    }

    [Property]
    public bool Canonicalize_IsDeterministic(JsonTree tree, int seed, bool rfc)
    {
        var text = Encoding.UTF8.GetBytes(tree.Render(new Random(seed)));
        var options = Options(rfc);
        return CanonicalJson.Canonicalize(text, options).AsSpan().SequenceEqual(CanonicalJson.Canonicalize(text, options));
    }

    [Property]
    public bool Canonicalize_IsIdempotent(JsonTree tree, int seed, bool rfc)
    {
        var options = Options(rfc);
        var once = CanonicalJson.Canonicalize(tree.Render(new Random(seed)), options);
        return CanonicalJson.Canonicalize(once, options).AsSpan().SequenceEqual(once);
    }

    [Property]
    public bool Output_ReparsesToTheSameValue(JsonTree tree, int seed, bool rfc)
    {
        var options = Options(rfc);
        var canonical = CanonicalJson.Canonicalize(tree.Render(new Random(seed)), options);
        using var parsed = JsonDocument.Parse(canonical);
        return CanonicalInspector.SameValue(tree, parsed.RootElement, options.Profile);
    }

    [Property]
    public bool Output_IsValidUtf8WithSortedUniqueKeysAndNoWhitespace(JsonTree tree, int seed, bool rfc)
    {
        var options = Options(rfc);
        var canonical = CanonicalJson.Canonicalize(tree.Render(new Random(seed)), options);
        using var parsed = JsonDocument.Parse(canonical);
        return Utf8.IsValid(canonical)
            && CanonicalInspector.HasNoInsignificantWhitespace(canonical)
            && CanonicalInspector.KeysUniqueAndSorted(parsed.RootElement, options.Profile);
    }

    [Property]
    public Property Profiles_AgreeUnlessARuleSetsThemApart(JsonTree tree, int seed)
    {
        string text = tree.Render(new Random(seed));
        var kernel = CanonicalJson.Canonicalize(text, CanonicalJsonOptions.Kernel);
        var rfc = CanonicalJson.Canonicalize(text, CanonicalJsonOptions.Rfc8785);
        bool mayDiffer = ProfileSensitive(tree);
        return (mayDiffer || kernel.AsSpan().SequenceEqual(rfc)).Classify(mayDiffer, "profile-sensitive");
    }

    [Property(MaxTest = 2000)]
    public bool ArbitraryBytes_AreCanonicalizedOrRejectedWithACode(byte[] input, bool rfc)
    {
        try
        {
            var once = CanonicalJson.Canonicalize(input, Options(rfc));
            return CanonicalJson.Canonicalize(once, Options(rfc)).AsSpan().SequenceEqual(once);
        }
        catch (CanonicalizationException e)
        {
            return e.ErrorCode == ErrorCodes.CanonicalizationError && e.Reason.Length > 0;
        }
    }

    [Property(MaxTest = 1000)]
    public bool MutatedDocuments_AreCanonicalizedOrRejectedWithACode(JsonTree tree, int seed, int position, byte value)
    {
        var bytes = Encoding.UTF8.GetBytes(tree.Render(new Random(seed)));
        bytes[(int)((uint)position % bytes.Length)] = value;
        try
        {
            CanonicalJson.Canonicalize(bytes);
            return true;
        }
        catch (CanonicalizationException e)
        {
            return e.Reason is CanonicalJsonError.InvalidJson or CanonicalJsonError.InvalidUtf8 or CanonicalJsonError.DuplicateKey
                or CanonicalJsonError.LoneSurrogate or CanonicalJsonError.NumberOutOfRange or CanonicalJsonError.MaxDepth;
        }
    }

    [Property(MaxTest = 1000)]
    public bool Validate_RejectsExactlyWhatCanonicalizeRejects_WithTheSameReason(JsonTree tree, int seed, int position, byte value, bool mutate, bool rfc)
    {
        var bytes = Encoding.UTF8.GetBytes(tree.Render(new Random(seed)));
        if (mutate)
        {
            bytes[(int)((uint)position % bytes.Length)] = value;
        }

        return Reason(() => CanonicalJson.Canonicalize(bytes, Options(rfc))) == Reason(() => CanonicalJson.Validate(bytes, Options(rfc)));
    }

    private static string? Reason(Action run)
    {
        try
        {
            run();
            return null;
        }
        catch (CanonicalizationException e)
        {
            return e.Reason + "@" + e.Position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static CanonicalJsonOptions Options(bool rfc) => rfc ? CanonicalJsonOptions.Rfc8785 : CanonicalJsonOptions.Kernel;

    /// <summary>-0, U+2028/U+2029 and keys whose UTF-8 and UTF-16 orders disagree are where the profiles differ.</summary>
    private static bool ProfileSensitive(JsonTree tree) => tree switch
    {
        JsonNumber n => n.Value == 0 && double.IsNegative(n.Value),
        JsonText t => t.Value.Contains('\u2028', StringComparison.Ordinal) || t.Value.Contains('\u2029', StringComparison.Ordinal),
        JsonArray a => a.Items.Any(ProfileSensitive),
        JsonObject o => o.Members.Any(m => ProfileSensitive(new JsonText(m.Key)) || ProfileSensitive(m.Value)) || KeyOrdersDiffer(o),
        _ => false,
    };

    private static bool KeyOrdersDiffer(JsonObject obj)
    {
        var utf16 = obj.Members.Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
        var utf8 = obj.Members.Select(m => m.Key).OrderBy(k => k, Comparer<string>.Create((a, b) =>
            Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)))).ToList();
        return !utf16.SequenceEqual(utf8);
    }
}
