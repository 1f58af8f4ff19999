using System.Globalization;

namespace ReasoningGraph.LoadHarness;

/// <summary>The command line: <c>--url</c> and optional <c>--name value</c> pairs (see <see cref="Usage"/>).</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        reasoning-graph-load --url http://127.0.0.1:8047 [options]
          --scenarios traces,writes   which scenarios to run, in order (default traces,writes; also
                                      sequential-writes: one client, one write at a time, for --duration)
          --duration 30               seconds each scenario is recorded
          --warmup 5                  seconds each scenario runs first, unrecorded (JIT, connection pool)
          --traces-rate 200           GET /reason/traces/{id} requests per second
          --writes-rate 1000          POST /reason/node requests per second
          --nodes 1000                nodes in the seeded closure
          --root <guid>               trace an existing node instead of seeding
          --connections 256           maximum connections to the host
          --principal load            X-Local-Dev-Principal value (empty: none)
          --bearer <jwt>              Authorization: Bearer token instead
          --json <file>               also write the results as JSON
        """;

    public required Uri Url { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = [LoadHarness.Scenarios.Traces, LoadHarness.Scenarios.Writes];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public double TracesRate { get; init; } = 200;

    public double WritesRate { get; init; } = 1000;

    public int Nodes { get; init; } = 1000;

    public Guid? Root { get; init; }

    public int Connections { get; init; } = 256;

    public string? Principal { get; init; } = "load";

    public string? Bearer { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the problem.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Take(string name, string fallback) => values.Remove(name, out var value) ? value : fallback;
        double Number(string name, double fallback) => double.Parse(Take(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        string url = Take("url", "");
        var options = new LoadOptions
        {
            Url = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException("--url must be an absolute URL."),
            Scenarios = Take("scenarios", "traces,writes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Duration = TimeSpan.FromSeconds(Number("duration", 30)),
            Warmup = TimeSpan.FromSeconds(Number("warmup", 5)),
            TracesRate = Number("traces-rate", 200),
            WritesRate = Number("writes-rate", 1000),
            Nodes = (int)Number("nodes", 1000),
            Root = values.ContainsKey("root") ? Guid.Parse(Take("root", "")) : null,
            Connections = (int)Number("connections", 256),
            Principal = Take("principal", "load"),
            Bearer = values.ContainsKey("bearer") ? Take("bearer", "") : null,
            JsonPath = values.ContainsKey("json") ? Take("json", "") : null,
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}.");
        }

        var unknown = options.Scenarios.Except(LoadHarness.Scenarios.All, StringComparer.Ordinal).ToList();
        return unknown.Count == 0 ? options : throw new ArgumentException($"Unknown scenario '{unknown[0]}'.");
    }
}
