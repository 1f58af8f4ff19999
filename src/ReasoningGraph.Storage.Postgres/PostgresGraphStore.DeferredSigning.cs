using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Deferred audit signatures (<see cref="AuditSigningMode.Deferred"/>): a write signs its events within
/// <see cref="PostgresStoreOptions.InlineSigningBudget"/> or commits them with the signature pending. After one miss,
/// writes stop waiting for the signer (a down signer would otherwise add the budget to every write, inside the head
/// lock) until <see cref="SignPendingAsync"/> has signed pending events again, which shows the signer is back.
/// </summary>
public sealed partial class PostgresGraphStore : IDeferredAuditSigning
{
    private volatile bool _signerMissed;

    /// <inheritdoc/>
    public Task<PendingAuditSignatures> GetPendingSignaturesAsync(CancellationToken cancellationToken = default) =>
        _db.ExecuteAsync(_db.Sql.PendingAuditSignatures, async command =>
        {
            command.Parameters.Add(InsertCommands.P("g", GraphId));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new PendingAuditSignatures(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
        }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction: the oldest pending events are locked (<c>FOR UPDATE SKIP LOCKED</c>, so hosts running this at
    /// once sign different events), signed concurrently, and their signatures stored; a signer failure rolls back
    /// and leaves them pending. Only <c>signature</c> and <c>signer_id</c> change; the chain's bytes never do.
    /// </remarks>
    public async Task<int> SignPendingAsync(int maxEvents, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        var signer = _db.Signer();
        int signed;
        try
        {
            signed = await SignPendingOnceAsync(maxEvents, signer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }

        if (signed > 0 && _signerMissed)
        {
            _signerMissed = false;
            Log.AuditSigningResumed(_db.Logger, GraphId, signed);
        }

        return signed;
    }

    private async Task<int> SignPendingOnceAsync(int maxEvents, IDigestSigner signer, CancellationToken cancellationToken)
    {
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeTransaction = transaction.ConfigureAwait(false);
        var pending = new List<AuditEvent>();
        var claim = new NpgsqlCommand(_db.Sql.ClaimUnsignedAuditEvents, connection, transaction)
        {
            Parameters = { InsertCommands.P("g", GraphId), InsertCommands.P("limit", maxEvents) },
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
        var update = new NpgsqlCommand(_db.Sql.SetAuditSignatures, connection, transaction)
        {
            Parameters =
            {
                InsertCommands.P("g", GraphId), InsertCommands.P("signer_id", signer.SignerId),
                InsertCommands.P("ids", signed.Select(e => e.Id).ToArray()), InsertCommands.P("signatures", signed.Select(e => e.Signature!).ToArray()),
            },
        };
        await using (update.ConfigureAwait(false))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return signed.Length;
    }

    /// <summary>
    /// Signs one write's linked events. Inline mode: all of them, or <c>SIGNING_FAILURE</c>. Deferred mode: all of
    /// them within the budget, else every one comes back pending (never some: a write's events are signed together).
    /// </summary>
    private async Task<AuditEvent[]> SignForWriteAsync(AuditEvent[] linked, IDigestSigner signer, CancellationToken cancellationToken)
    {
        if (_db.Options.AuditSigning == AuditSigningMode.Inline)
        {
            return await AuditChain.SignEventsAsync(linked, signer, cancellationToken).ConfigureAwait(false);
        }

        if (_signerMissed)
        {
            return linked;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_db.Options.InlineSigningBudget);
        try
        {
            return await AuditChain.SignEventsAsync(linked, signer, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is ReasoningGraphException or OperationCanceledException)
        {
            if (!_signerMissed)
            {
                _signerMissed = true;
                string reason = e is OperationCanceledException ? "no answer within the budget" : e.Message;
                Log.AuditSigningDeferred(_db.Logger, GraphId, (int)_db.Options.InlineSigningBudget.TotalMilliseconds, reason);
            }

            return linked;
        }
    }
}
