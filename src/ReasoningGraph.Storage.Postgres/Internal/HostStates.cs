using Npgsql;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Makes a multi-host data source probe its hosts again after a failure that a change of primary explains (a broken
/// or refused connection, no host in the wanted role, a standby refusing the write) instead of trusting the roles it
/// cached for <c>Host Recheck Seconds</c>: after a failover the new primary is found by the next attempt, not up to a
/// re-check later. At most once per 250 ms; and not for a re-check interval after a connect timed out, since a host
/// that drops packets would cost every probe its connect timeout. Only a data source Npgsql built from several hosts
/// is concerned.
/// </summary>
internal sealed class HostStates
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly NpgsqlMultiHostDataSource? _dataSource;
    private readonly TimeSpan _quietAfterTimeout;
    private readonly Lock _gate = new();

    // Monotonic milliseconds (Environment.TickCount64), not the store's clock: a frozen test clock must not stop this.
    private long _forgottenAt = long.MinValue / 2;
    private long _quietUntil = long.MinValue / 2;

    public HostStates(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource as NpgsqlMultiHostDataSource;
        int recheck = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).HostRecheckSeconds;
        _quietAfterTimeout = TimeSpan.FromSeconds(Math.Max(recheck, 1));
    }

    /// <summary>Forgets the cached host roles after <paramref name="failure"/> when a change of primary may explain it.</summary>
    /// <returns>Whether the roles were forgotten.</returns>
    public bool ForgetAfter(Exception failure) => ForgetAfter(failure, Environment.TickCount64);

    /// <summary><see cref="ForgetAfter(Exception)"/> at <paramref name="nowMs"/> (monotonic milliseconds).</summary>
    internal bool ForgetAfter(Exception failure, long nowMs)
    {
        if (_dataSource is null)
        {
            return false;
        }

        var causes = Causes(failure).ToList();
        lock (_gate)
        {
            if (causes.Any(c => c is TimeoutException))
            {
                _quietUntil = nowMs + (long)_quietAfterTimeout.TotalMilliseconds;
                return false;
            }

            if (nowMs < _quietUntil || nowMs - _forgottenAt < MinimumInterval.TotalMilliseconds || !causes.Any(IsRoleChange))
            {
                return false;
            }

            _forgottenAt = nowMs;
        }

        _dataSource.ClearDatabaseStates();
        return true;
    }

    /// <summary>A failure a new primary explains: the connection broke or was refused, the server is shutting down or starting, a standby refused a write, or no host had the wanted role.</summary>
    private static bool IsRoleChange(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.ReadOnlySqlTransaction || PostgresErrors.IsBrokenConnection(p),
        NpgsqlException n => n.InnerException is null, // with an inner cause, that cause is judged (Causes walks it)
        System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    /// <summary>The failure and everything inside it, every exception of an <see cref="AggregateException"/> included.</summary>
    private static IEnumerable<Exception> Causes(Exception failure)
    {
        var pending = new Stack<Exception>([failure]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
