using System.Globalization;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Batch names: <c>&lt;timestamp&gt;.jsonl.gz</c>, the time its first snapshot was signed, UTC to the microsecond
/// (<c>20261124T011502.123456Z.jsonl.gz</c>). Signing times are strictly increasing along the audit chain, so a
/// name is unique, names sort in <c>seq</c> order, and the batch starting at the same snapshot always gets the same
/// name: a run resumed after a crash meets the batch the crashed run wrote instead of writing a second copy.
/// </summary>
internal static class ExportBatchNames
{
    private const string Format = "yyyyMMdd'T'HHmmss'.'ffffff'Z'";

    /// <summary>The name of the batch whose first snapshot was signed at <paramref name="firstSignedAt"/>.</summary>
    /// <param name="firstSignedAt">The signing time of the batch's first snapshot.</param>
    /// <returns>The name.</returns>
    public static string For(DateTimeOffset firstSignedAt) =>
        firstSignedAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) + SnapshotBatchFormat.Extension;
}
