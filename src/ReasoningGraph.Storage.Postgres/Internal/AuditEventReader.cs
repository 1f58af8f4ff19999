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
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        NpgsqlConnection connection;
        NpgsqlCommand command;
        NpgsqlDataReader reader;
        try
        {
            (connection, command, reader) = await db.WithReconnectAsync(
                () => db.OpenReaderAsync(db.Sql.AuditEvents, [InsertCommands.P("g", db.GraphId), new NpgsqlParameter<long?>("limit", limit)], cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw db.Unavailable(e);
        }

        await using var disposeConnection = connection.ConfigureAwait(false);
        await using var disposeCommand = command.ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        while (true)
        {
            AuditEvent auditEvent;
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                auditEvent = new AuditEvent
                {
                    Id = reader.GetGuid(0),
                    EventType = reader.GetString(1),
                    Payload = Encoding.UTF8.GetBytes(reader.GetString(2)),
                    Hash = reader.GetString(3),
                    PrevHash = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Signature = reader.GetString(5),
                    SignerId = reader.GetString(6),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
                };
            }
            catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
            {
                throw db.Unavailable(e);
            }

            yield return auditEvent;
        }
    }
}
