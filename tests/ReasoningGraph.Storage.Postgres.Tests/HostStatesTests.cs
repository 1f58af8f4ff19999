using System.Net.Sockets;
using Npgsql;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// When the store makes a multi-host data source probe its hosts again (no server needed: the decisions only). That a
/// probe finds the new primary at once is drilled on the Patroni pair (FailoverDrillTests, a 30 s host re-check).
/// </summary>
public sealed class HostStatesTests
{
    private static readonly NpgsqlException NoSuitableHost = new("No suitable host was found.");

    [Fact]
    public void AFailureAChangeOfPrimaryExplains_ForgetsTheRoles_AtMostEvery250Ms()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1:1,127.0.0.1:2;Host Recheck Seconds=10");
        var states = new HostStates(source);

        Assert.True(states.ForgetAfter(NoSuitableHost, 1_000));
        Assert.False(states.ForgetAfter(NoSuitableHost, 1_100));
        Assert.True(states.ForgetAfter(new NpgsqlException("Exception while reading from stream", new IOException("reset")), 1_250));
        Assert.True(states.ForgetAfter(new PostgresException("read-only", "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction), 1_500));
        Assert.True(states.ForgetAfter(new PostgresException("shutting down", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), 1_750));
    }

    [Fact]
    public void AFailureOfTheStatementItself_LeavesTheRoles()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1:1,127.0.0.1:2");
        var states = new HostStates(source);

        Assert.False(states.ForgetAfter(new PostgresException("check", "ERROR", "ERROR", PostgresErrorCodes.CheckViolation), 1_000));
        Assert.False(states.ForgetAfter(new PostgresException("cancelled", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled), 1_000));
        Assert.False(states.ForgetAfter(new InvalidOperationException("not a database failure"), 1_000));
    }

    /// <summary>A host that drops packets costs each probe its connect timeout: no probing for a re-check interval after one.</summary>
    [Fact]
    public void AfterAConnectTimeout_NoProbeForTheRecheckInterval_EvenWhenTheTimeoutIsOneOfSeveralHostsFailures()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1:1,127.0.0.1:2;Host Recheck Seconds=10");
        var states = new HostStates(source);
        var oneRefusedOneTimedOut = new NpgsqlException(
            "Unable to connect to a suitable host.", new AggregateException(new SocketException((int)SocketError.ConnectionRefused), new TimeoutException()));

        Assert.False(states.ForgetAfter(oneRefusedOneTimedOut, 1_000));
        Assert.False(states.ForgetAfter(NoSuitableHost, 2_000));
        Assert.False(states.ForgetAfter(NoSuitableHost, 10_999));
        Assert.True(states.ForgetAfter(NoSuitableHost, 11_000));

        Assert.False(states.ForgetAfter(new NpgsqlException("Exception while connecting", new TimeoutException()), 20_000));
        Assert.False(states.ForgetAfter(NoSuitableHost, 29_999));
    }

    [Fact]
    public void ASingleHostDataSource_IsNeverConcerned()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1:1");
        Assert.False(new HostStates(source).ForgetAfter(NoSuitableHost, 1_000));
    }
}
