using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReasoningGraph.LoadHarness;

/// <summary>
/// Writes, through the API's batch endpoints, a DAG whose node 1 has every other node as an ancestor: the shape of
/// the PostgreSQL walk benchmark (node i has parents 2i, 2i+1 and 3i+2, so there are diamonds), as causal edges.
/// </summary>
internal static class ClosureSeeder
{
    private const int EdgeBatch = 1000;

    /// <summary>Seeds <paramref name="nodes"/> nodes and returns the id of the node whose closure they are.</summary>
    public static async Task<Guid> SeedAsync(HttpClient client, int nodes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var ids = Enumerable.Range(0, nodes + 1).Select(_ => Guid.CreateVersion7()).ToArray();
        var nodeInputs = Enumerable.Range(1, nodes)
            .Select(i => new { id = ids[i], type = "observation", author = "agent:load", payload = new { reason = "seed", index = i } });
        await PostAsync(client, "/reason/nodes", new { nodes = nodeInputs }, cancellationToken).ConfigureAwait(false);

        var edges = Enumerable.Range(1, nodes)
            .SelectMany(i => new[] { 2 * i, (2 * i) + 1, (3 * i) + 2 }.Where(parent => parent <= nodes)
                .Select(parent => new { from = ids[parent], to = ids[i], type = "causal" }))
            .ToList();
        foreach (var chunk in edges.Chunk(EdgeBatch))
        {
            await PostAsync(client, "/reason/edges", new { edges = chunk }, cancellationToken).ConfigureAwait(false);
        }

        int reached = await TraceNodeCountAsync(client, ids[1], cancellationToken).ConfigureAwait(false);
        if (reached != nodes)
        {
            throw new InvalidOperationException($"The causal trace of the seeded root has {reached} nodes, not {nodes}.");
        }

        return ids[1];
    }

    /// <summary>The number of nodes on the ordered causal trace of <paramref name="root"/>.</summary>
    public static async Task<int> TraceNodeCountAsync(HttpClient client, Guid root, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri($"/reason/traces/{root}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /reason/traces/{root} answered {(int)response.StatusCode}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("ordered_path").EnumerateArray()
            .Count(step => step.GetProperty("type").GetString() == "node");
    }

    private static async Task PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
    }
}
