using Npgsql;
using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// One audit event of the store's own (a stored checkpoint, a control change), as
/// <see cref="GraphDatabase.AppendOwnEventAsync{T}"/> links, signs and writes it with the caller's row(s).
/// </summary>
/// <param name="EventType">The event's type.</param>
/// <param name="EntityId">The id of what the event records: the event's <c>entity_id</c>.</param>
/// <param name="EntityHash">The hash of what the event records.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Rows">The caller's own row(s), given the signed event: in the batch after the event and the head update.</param>
/// <param name="Answer">What the call returns, read in its transaction after the batch, before the commit.</param>
/// <param name="Committed">Runs once the transaction has committed (a log line).</param>
internal sealed record OwnEvent<T>(
    string EventType,
    Guid EntityId,
    string EntityHash,
    string Actor,
    Func<AuditEvent, IEnumerable<NpgsqlBatchCommand>> Rows,
    Func<NpgsqlConnection, NpgsqlTransaction, AuditEvent, Task<T>> Answer,
    Action? Committed = null);
