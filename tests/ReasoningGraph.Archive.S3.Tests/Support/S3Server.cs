using System.Net.Sockets;

namespace ReasoningGraph.Archive.S3.Tests.Support;

/// <summary>
/// The test S3 server: <c>REASONING_GRAPH_TEST_S3_ENDPOINT</c>, <c>REASONING_GRAPH_TEST_S3_ACCESS_KEY</c> and
/// <c>REASONING_GRAPH_TEST_S3_SECRET</c> (start one with <c>eval "$(scripts/rgw.sh env)"</c> after <c>scripts/rgw.sh start</c>).
/// </summary>
public static class S3Server
{
    public const string EndpointVariable = "REASONING_GRAPH_TEST_S3_ENDPOINT";

    private static readonly Lazy<string?> Unavailability = new(Probe);

    public static Uri? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } url ? new Uri(url) : null;

    public static string AccessKey => Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ACCESS_KEY") ?? "rgtestaccess";

    public static string Secret => Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_SECRET") ?? "rgtestsecret";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the tests cannot run, or null when the server answers.</summary>
    public static string? WhyUnavailable => Unavailability.Value;

    /// <summary>Options for a bucket on the test server (1-day retention: the server's data is thrown away after the run).</summary>
    public static S3ArchiveOptions Options(string bucket, string prefix = "", S3RetentionMode mode = S3RetentionMode.Compliance) =>
        WhyUnavailable is { } reason
            ? throw new InvalidOperationException(reason)
            : new S3ArchiveOptions
            {
                ServiceUrl = Endpoint,
                Bucket = bucket,
                AccessKey = AccessKey,
                SecretKey = Secret,
                Prefix = prefix,
                RetentionMode = mode,
                RetentionPeriod = TimeSpan.FromDays(1),
            };

    private static string? Probe()
    {
        if (Endpoint is not { } endpoint)
        {
            return $"{EndpointVariable} is not set; start a server with: bash scripts/rgw.sh start && eval \"$(bash scripts/rgw.sh env)\"";
        }

        try
        {
            using var client = new TcpClient();
            client.Connect(endpoint.Host, endpoint.Port);
            return null;
        }
        catch (SocketException e)
        {
            return $"The S3 server of {EndpointVariable} ({endpoint}) is not reachable: {e.Message}";
        }
    }
}
