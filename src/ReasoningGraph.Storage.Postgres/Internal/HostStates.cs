using Npgsql;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Makes a multi-host data source probe its hosts again after a failure instead of trusting the roles it cached for
/// <c>Host Recheck Seconds</c>: after a failover the new primary is found by the next attempt, not up to a re-check
/// later. At most once per 250 ms, and never after a timeout: a host that drops packets would cost every attempt its
/// connect timeout.
/// </summary>
internal sealed class HostStates(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private long _forgottenAt;
    private bool _forgotten;

    /// <summary>Forgets the cached host roles after <paramref name="failure"/>, unless done just now or it was a timeout.</summary>
    /// <returns>Whether the roles were forgotten.</returns>
    public bool ForgetAfter(Exception failure)
    {
        if (dataSource is not NpgsqlMultiHostDataSource multiHost || IsTimeout(failure))
        {
            return false;
        }

        long now = time.GetTimestamp();
        lock (_gate)
        {
            if (_forgotten && time.GetElapsedTime(_forgottenAt, now) < MinimumInterval)
            {
                return false;
            }

            (_forgotten, _forgottenAt) = (true, now);
        }

        multiHost.ClearDatabaseStates();
        return true;
    }

    private static bool IsTimeout(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
