using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Storage;
using ReasoningGraph.Traversal.Internal;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;
using ReasoningGraph.Model;

namespace ReasoningGraph.Querying;

/// <summary>Serves query pages: keyset on <c>seq</c>, with a cursor that binds the filter and <c>asOf</c>.</summary>
internal sealed class NodeQueryRunner(IReasoningGraphStore store, GraphLimits options, CursorProtector cursors)
{
    private const byte Kind = 2;
    private const int Length = 1 + 16 + 8 + 8;

    public async Task<NodeQueryPage> QueryAsync(NodeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter ?? NodeFilter.All;
        int pageSize = query.PageSize ?? options.DefaultPageSize;
        if (pageSize < 1 || pageSize > options.MaxPageSize)
        {
            throw GraphErrors.InvalidPayload("pageSize", $"pageSize must be between 1 and {options.MaxPageSize}.");
        }

        if (filter.MinConfidence is { } min && !double.IsFinite(min))
        {
            throw GraphErrors.InvalidPayload("minConfidence", "minConfidence must be a finite number.");
        }

        long asOf, after = 0;
        if (query.Cursor is { } token)
        {
            var payload = cursors.Unprotect(token);
            if (payload.Length != Length || payload[0] != Kind)
            {
                throw GraphErrors.InvalidCursor("wrong-kind");
            }

            asOf = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(17, 8));
            after = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(25, 8));
            if (Digest(filter, asOf) != new Guid(payload.AsSpan(1, 16)))
            {
                throw GraphErrors.InvalidCursor("query-mismatch");
            }
        }
        else
        {
            asOf = await store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        }

        var found = await store.QueryNodesAsync(filter, after, asOf, pageSize + 1, cancellationToken).ConfigureAwait(false);
        var items = found.Count > pageSize ? found.Take(pageSize).ToList() : found;
        string? next = null;
        if (found.Count > pageSize)
        {
            var payload = new byte[Length];
            payload[0] = Kind;
            Digest(filter, asOf).TryWriteBytes(payload.AsSpan(1, 16));
            BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(17, 8), asOf);
            BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(25, 8), items[^1].Seq);
            next = cursors.Protect(payload);
        }

        return new NodeQueryPage { Items = items, NextCursor = next, AsOf = asOf };
    }

    private static Guid Digest(NodeFilter filter, long asOf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("query/1"u8);
        WalkQuery.AppendInt64(hash, asOf);
        AppendSet(hash, filter.Types);
        AppendSet(hash, filter.Authors);
        AppendSet(hash, filter.Tags);
        WalkQuery.AppendOptional(hash, filter.CreatedFrom?.UtcTicks);
        WalkQuery.AppendOptional(hash, filter.CreatedBefore?.UtcTicks);
        WalkQuery.AppendOptional(hash, filter.MinConfidence);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new Guid(digest[..16]);
    }

    private static void AppendSet(IncrementalHash hash, IReadOnlyCollection<string>? values)
    {
        WalkQuery.AppendInt64(hash, values is null ? -1 : values.Count);
        foreach (var value in values?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            WalkQuery.AppendInt64(hash, bytes.Length);
            hash.AppendData(bytes);
        }
    }
}
