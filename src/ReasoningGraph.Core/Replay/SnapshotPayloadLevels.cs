using System.Text.Json;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Replay;

/// <summary>Reads an archived snapshot payload: how far its nodes lie from the roots, and how it differs from another payload.</summary>
internal static class SnapshotPayloadLevels
{
    /// <summary>
    /// The largest number of edges between a root and a node of the payload, walking the payload's own edges
    /// descendants-first and ancestors-first separately, as the collector does (a node counts at its nearer distance).
    /// </summary>
    public static int Farthest(JsonElement payload, IReadOnlyList<Guid> roots)
    {
        var edges = payload.GetProperty("edges").EnumerateArray()
            .Select(e => (From: Guid.Parse(e.GetProperty("from").GetString()!), To: Guid.Parse(e.GetProperty("to").GetString()!))).ToList();
        var down = Levels(roots, edges.ToLookup(e => e.From, e => e.To));
        var up = Levels(roots, edges.ToLookup(e => e.To, e => e.From));
        int farthest = 0;
        foreach (var node in payload.GetProperty("nodes").EnumerateArray())
        {
            var id = Guid.Parse(node.GetProperty("id").GetString()!);
            int level = Math.Min(down.GetValueOrDefault(id, int.MaxValue), up.GetValueOrDefault(id, int.MaxValue));
            if (level != int.MaxValue)
            {
                farthest = Math.Max(farthest, level);
            }
        }

        return farthest;
    }

    /// <summary>Names the items only in the archive, only in the rebuilt payload, or different in both; empty when they agree.</summary>
    public static string Describe(JsonElement archived, byte[] rebuiltPayload)
    {
        using var rebuilt = JsonDocument.Parse(CanonicalJson.Canonicalize(rebuiltPayload));
        var parts = new List<string>();
        foreach (string name in new[] { "nodes", "edges", "annotations" })
        {
            var before = Items(archived.GetProperty(name));
            var after = Items(rebuilt.RootElement.GetProperty(name));
            var onlyArchived = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToList();
            var onlyRebuilt = after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).ToList();
            var changed = before.Keys.Intersect(after.Keys).Where(k => before[k] != after[k]).Order(StringComparer.Ordinal).ToList();
            if (onlyArchived.Count > 0)
            {
                parts.Add($"{name} only in the archive: {SnapshotReplayVerifier.Names(onlyArchived)}");
            }

            if (onlyRebuilt.Count > 0)
            {
                parts.Add($"{name} only in the rebuilt graph: {SnapshotReplayVerifier.Names(onlyRebuilt)}");
            }

            if (changed.Count > 0)
            {
                parts.Add($"{name} with other content: {SnapshotReplayVerifier.Names(changed)}");
            }
        }

        return string.Join("; ", parts);
    }

    private static Dictionary<Guid, int> Levels(IReadOnlyList<Guid> roots, ILookup<Guid, Guid> next)
    {
        var levels = roots.Distinct().ToDictionary(r => r, _ => 0);
        var frontier = levels.Keys.ToList();
        for (int level = 1; frontier.Count > 0; level++)
        {
            var found = new List<Guid>();
            foreach (var far in frontier.SelectMany(n => next[n]))
            {
                if (levels.TryAdd(far, level))
                {
                    found.Add(far);
                }
            }

            frontier = found;
        }

        return levels;
    }

    private static Dictionary<string, string> Items(JsonElement array) =>
        array.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetRawText(), StringComparer.Ordinal);
}
