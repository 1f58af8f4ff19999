using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Translates Npgsql and PostgreSQL failures into the stable error codes at the store boundary.</summary>
internal static partial class PostgresErrors
{
    /// <summary>Serialization failure or deadlock: nothing was written and the same write may simply be retried.</summary>
    public static bool IsRetryable(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <summary>
    /// The session died (server restarted, connection cut or terminated) rather than timed out: a pooled connection
    /// that broke while idle fails this way on its first use, and a fresh connection may well succeed.
    /// </summary>
    public static bool IsBrokenConnection(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException n => n.InnerException is IOException or SocketException or EndOfStreamException,
        _ => false,
    };

    /// <summary>Whether <paramref name="e"/> is a database failure to translate (not a domain error, misuse or the caller's cancellation).</summary>
    public static bool ShouldTranslate(Exception e, CancellationToken cancellationToken) => e switch
    {
        ReasoningGraphException or ArgumentException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => e is NpgsqlException or TimeoutException or SocketException or IOException,
    };

    public static ReasoningGraphException Translate(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p => new ReasoningGraphException(
            ErrorCodes.Conflict, $"A concurrent write stored the same key first ({LogicalConstraint(p.ConstraintName)}).", e)
        {
            Details = new Dictionary<string, string> { ["field"] = "id", ["constraint"] = LogicalConstraint(p.ConstraintName) },
        },
        PostgresException { SqlState: PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire } => new ReasoningGraphException(
            ErrorCodes.InvalidPayload, "PostgreSQL cannot store a value of the write: " + e.Message, e),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName } => GraphErrors.StoreUnavailable(
            "The Reasoning Graph schema is missing; apply the migrations (reasoning-graph migrate). " + e.Message, e),
        _ => GraphErrors.StoreUnavailable("The PostgreSQL store is unavailable: " + e.Message, e),
    };

    /// <summary>
    /// The constraint as the schema names it: Citus reports a shard's copy (<c>nodes_pkey_102032</c>), and a client
    /// should see the same name whichever shard its graph is on. None of the schema's own names ends in <c>_digits</c>.
    /// </summary>
    public static string LogicalConstraint(string? name) => name is null ? string.Empty : ShardSuffix().Replace(name, string.Empty);

    [GeneratedRegex("_[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardSuffix();
}
