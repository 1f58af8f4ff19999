using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Fills in pending audit signatures (<see cref="PostgresGraphStore.SignPendingAsync"/>): one transaction locks the
/// oldest pending events (<c>FOR UPDATE SKIP LOCKED</c>), signs them and stores the signatures; a failure rolls back.
/// </summary>
internal static class PendingSignatures
{
    /// <summary>The audit head position, the pending signatures and the oldest one's time, in one statement.</summary>
    public static Task<AuditLogStatus> StatusAsync(GraphDatabase db, CancellationToken cancellationToken) =>
        db.ExecuteAsync(db.Sql.AuditStatus, async command =>
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new AuditLogStatus(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }, cancellationToken);

    public static async Task<int> SignAsync(GraphDatabase db, int maxEvents, IDigestSigner signer, CancellationToken cancellationToken)
    {
        var connection = await db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeTransaction = transaction.ConfigureAwait(false);
        var pending = new List<AuditEvent>();
        var claim = new NpgsqlCommand(db.Sql.ClaimUnsignedAuditEvents, connection, transaction)
        {
            Parameters = { InsertCommands.P("g", db.GraphId), InsertCommands.P("limit", maxEvents) },
        };
        await using (claim.ConfigureAwait(false))
        {
            var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    pending.Add(AuditEventReader.Read(reader));
                }
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var signed = await AuditChain.SignEventsAsync(pending, signer, cancellationToken).ConfigureAwait(false);
        var update = new NpgsqlCommand(db.Sql.SetAuditSignatures, connection, transaction)
        {
            Parameters =
            {
                InsertCommands.P("g", db.GraphId), InsertCommands.P("signer_id", signer.SignerId),
                InsertCommands.P("ids", signed.Select(e => e.Id).ToArray()), InsertCommands.P("signatures", signed.Select(e => e.Signature!).ToArray()),
            },
        };
        await using (update.ConfigureAwait(false))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
        return signed.Length;
    }
}
