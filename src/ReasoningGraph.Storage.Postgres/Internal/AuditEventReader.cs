using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Streams a graph's audit events ordered by <c>created_at</c>, exactly as the Kernel's verifier reads the table: the
/// payload comes back through the <c>jsonb</c> column (keys reordered, whitespace added), which is why its keys are
/// ASCII and its values strings, so its canonical form is unchanged.
/// </summary>
internal static class AuditEventReader
{
    public static async IAsyncEnumerable<AuditEvent> ReadAsync(GraphDatabase db, long? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Checked when enumeration starts, as before: a caller handed the sequence sees the error where it reads.
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        var parameters = new NpgsqlParameter[] { InsertCommands.P("g", db.GraphId), new NpgsqlParameter<long?>("limit", limit) };
        await foreach (var auditEvent in db.StreamAsync(db.Sql.AuditEvents, parameters, Read, cancellationToken).ConfigureAwait(false))
        {
            yield return auditEvent;
        }
    }

    /// <summary>One row of <see cref="SqlText.AuditEvents"/>' columns.</summary>
    public static AuditEvent Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        EventType = reader.GetString(1),
        Payload = Encoding.UTF8.GetBytes(reader.GetString(2)),
        Hash = reader.GetString(3),
        PrevHash = reader.IsDBNull(4) ? null : reader.GetString(4),
        Signature = reader.IsDBNull(5) ? null : reader.GetString(5),
        SignerId = reader.IsDBNull(6) ? null : reader.GetString(6),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
    };
}
