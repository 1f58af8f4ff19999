using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore
{
    /// <summary>
    /// Streams the graph's audit events ordered by <c>created_at</c>, exactly as the Kernel's verifier reads the
    /// table: the payload comes back through the <c>jsonb</c> column (keys reordered, whitespace added), which is
    /// why its keys are ASCII and its values strings, so its canonical form is unchanged.
    /// </summary>
    /// <param name="limit">At most this many events from the start of the chain; null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events, streamed from one statement.</returns>
    public async IAsyncEnumerable<AuditEvent> ReadAuditEventsAsync(long? limit = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
            (connection, command, reader) = await WithReconnectAsync(
                () => OpenReaderAsync(_sql.AuditEvents, [InsertCommands.P("g", GraphId), new NpgsqlParameter<long?>("limit", limit)], cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
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
                throw Unavailable(e);
            }

            yield return auditEvent;
        }
    }

    /// <summary>Verifies the graph's audit chain from its first event (see <see cref="AuditChainVerifier"/>).</summary>
    /// <param name="verifier">Looks up public keys by signer id and checks signatures.</param>
    /// <param name="limit">Verify at most this many events from the start; null for all.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The verdict: valid, or the first bad event and why.</returns>
    public Task<AuditChainVerification> VerifyAuditChainAsync(IDigestVerifier verifier, long? limit = null, CancellationToken cancellationToken = default) =>
        new AuditChainVerifier(verifier).VerifyAsync(ReadAuditEventsAsync(limit, cancellationToken), cancellationToken);
}
