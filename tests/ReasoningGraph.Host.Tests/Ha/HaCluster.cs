using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Host.Tests.Ha;

/// <summary>
/// The Patroni pair of scripts/ha.sh (<c>REASONING_GRAPH_TEST_HA_*</c>, set by scripts/test.sh). Tests that need it do
/// nothing locally without it and fail in CI, as <see cref="Http.TestDatabase"/> does for the single server.
/// </summary>
internal sealed class HaCluster
{
    private static readonly HttpClient Api = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, int> _apiPorts;
    private readonly Dictionary<string, int> _postgresPorts;

    private HaCluster(string url, string directory, Dictionary<string, int> apiPorts, Dictionary<string, int> postgresPorts)
    {
        Url = url;
        Directory = directory;
        _apiPorts = apiPorts;
        _postgresPorts = postgresPorts;
    }

    /// <summary>The multi-host connection string (read-write target: whichever member is the primary).</summary>
    public string Url { get; }

    /// <summary>
    /// <see cref="Url"/> for the tests' own statements: Npgsql re-probes the hosts on every open instead of trusting
    /// the primary it remembered for <c>Host Recheck Seconds</c> (10 by default), which is stale right after a failover.
    /// </summary>
    public string AdminUrl => new Npgsql.NpgsqlConnectionStringBuilder(Url) { HostRecheckSeconds = 0 }.ConnectionString;

    /// <summary>The service's <c>DATABASE_URL</c>: <see cref="Url"/> as given (as a user configures it) on <paramref name="database"/>.</summary>
    public string ServiceUrl(string database) => new Npgsql.NpgsqlConnectionStringBuilder(Url) { Database = database }.ConnectionString;

    /// <summary>One member's own connection string on <paramref name="database"/>, whatever its role (to read what a standby holds).</summary>
    public string MemberUrl(string member, string database) => new Npgsql.NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _postgresPorts[member],
        Username = "postgres",
        Database = database,
        Pooling = false,
    }.ConnectionString;

    /// <summary>The cluster's directory: each member's data (<c>m1/data</c>) and logs.</summary>
    public string Directory { get; }

    public static HaCluster? OrSkip()
    {
        string? url = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_HA_URL");
        if (string.IsNullOrEmpty(url))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "REASONING_GRAPH_TEST_HA_URL is required in CI (scripts/ha.sh)");
            return null;
        }

        // m1=<postgres port>:<REST API port>,m2=…
        var members = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_HA_MEMBERS")!.Split(',')
            .Select(m => m.Split('='))
            .ToDictionary(m => m[0], m => m[1].Split(':').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return new HaCluster(
            url, Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_HA_DIR")!, members.ToDictionary(m => m.Key, m => m.Value[1]), members.ToDictionary(m => m.Key, m => m.Value[0]));
    }

    /// <summary>Waits until Patroni names a running leader and a running synchronous standby; returns both.</summary>
    public async Task<(string Leader, string Standby)> WaitHealthyAsync(TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (int port in _apiPorts.Values)
            {
                try
                {
                    var cluster = await Api.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{port}/cluster"));
                    var members = cluster.GetProperty("members").EnumerateArray()
                        .Where(m => m.GetProperty("state").GetString() == "running")
                        .ToDictionary(m => m.GetProperty("role").GetString()!, m => m.GetProperty("name").GetString()!);
                    if (members.TryGetValue("leader", out var leader) && members.TryGetValue("sync_standby", out var standby))
                    {
                        return (leader, standby);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // that member's Patroni is down: ask the other
                }
            }

            Assert.True(deadline.Elapsed < patience, $"no leader with a synchronous standby within {patience}; logs in {Directory}");
            await Task.Delay(250);
        }
    }

    /// <summary>kill -9 of a member's postmaster: PostgreSQL dies, its Patroni lives on.</summary>
    public void KillPostmaster(string member) => Kill(PostmasterPid(member));

    /// <summary>kill -9 of a member's Patroni and postmaster: the machine is gone until <see cref="RestoreAsync"/>.</summary>
    public void KillMember(string member)
    {
        Kill(int.Parse(File.ReadAllText(Path.Combine(Directory, member, "patroni.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        KillPostmaster(member);
    }

    /// <summary>A planned switchover through Patroni's REST API (what <c>patronictl switchover --force</c> asks).</summary>
    public async Task SwitchoverAsync(string leader, string candidate)
    {
        // A buffered body: Patroni's REST API wants a Content-Length, not a chunked body.
        using var body = new StringContent(JsonSerializer.Serialize(new { leader, candidate }), System.Text.Encoding.UTF8, "application/json");
        using var response = await Api.PostAsync(new Uri($"http://127.0.0.1:{_apiPorts[leader]}/switchover"), body);
        Assert.True(response.IsSuccessStatusCode, $"switchover: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Turns Patroni's <c>synchronous_mode_strict</c> on, or removes it (the cluster's own setting, off), through the
    /// REST API (<c>PATCH /config</c>, what <c>patronictl edit-config</c> writes), then waits a few of the members'
    /// loops (<c>loop_wait</c> 1 s) so that both act on it.
    /// </summary>
    public async Task SetStrictSynchronousModeAsync(bool strict)
    {
        string body = strict ? """{"synchronous_mode_strict": true}""" : """{"synchronous_mode_strict": null}""";
        string? failure = null;
        foreach (int port in _apiPorts.Values)
        {
            try
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await Api.PatchAsync(new Uri($"http://127.0.0.1:{port}/config"), content);
                var config = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (response.IsSuccessStatusCode
                    && (config.TryGetProperty("synchronous_mode_strict", out var value) ? value.ValueKind == JsonValueKind.True : false) == strict)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    return;
                }

                failure = $"{(int)response.StatusCode} {config}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                failure = e.Message; // that member's Patroni is down: ask the other
            }
        }

        Assert.Fail($"PATCH /config synchronous_mode_strict={strict}: {failure}");
    }

    /// <summary><c>scripts/ha.sh start</c>: restarts the members that died and waits until the pair is whole again.</summary>
    public static async Task RestoreAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "ha.sh"));
        start.ArgumentList.Add("start");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error + await output);
    }

    private int PostmasterPid(string member) =>
        int.Parse(File.ReadLines(Path.Combine(Directory, member, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    private static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(); // SIGKILL
    }
}
