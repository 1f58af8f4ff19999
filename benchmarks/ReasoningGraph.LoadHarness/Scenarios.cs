using System.Globalization;
using System.Net;
using System.Text;

namespace ReasoningGraph.LoadHarness;

/// <summary>The requests of each scenario.</summary>
internal static class Scenarios
{
    public const string Traces = "traces";
    public const string Writes = "writes";

    /// <summary>POST /reason/node from one client, one request at a time (closed loop).</summary>
    public const string SequentialWrites = "sequential-writes";

    public static IReadOnlyList<string> All { get; } = [Traces, Writes, SequentialWrites];

    /// <summary><c>GET /reason/traces/{root}</c>: the ordered causal trace of the seeded closure.</summary>
    public static Func<int, CancellationToken, Task<string?>> Trace(HttpClient client, Guid root)
    {
        var uri = new Uri($"/reason/traces/{root}", UriKind.Relative);
        return (_, cancellationToken) => LoadClient.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, uri), HttpStatusCode.OK, cancellationToken);
    }

    /// <summary><c>POST /reason/node</c>: a new small node per request (the server assigns the id).</summary>
    public static Func<int, CancellationToken, Task<string?>> Write(HttpClient client, string runId)
    {
        var uri = new Uri("/reason/node", UriKind.Relative);
        return (index, cancellationToken) =>
        {
            string body = string.Create(
                CultureInfo.InvariantCulture,
                $$$"""{"type":"observation","author":"agent:load","payload":{"reason":"load","run":"{{{runId}}}","index":{{{index}}}}}""");
            var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            return LoadClient.SendAsync(client, request, HttpStatusCode.Created, cancellationToken);
        };
    }
}
