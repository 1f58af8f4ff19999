using System.Text.Json;
using Npgsql;
using ReasoningGraph.Storage;
using static ReasoningGraph.Storage.Postgres.Internal.InsertCommands;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>The parameters (and, for a node query, the conditions) of the read statements whose shape depends on the request.</summary>
internal static class ReadParameters
{
    /// <summary>The parameters of a frontier (or closure) statement: <c>@frontier</c>, <c>@as_of</c> and the filters that are set.</summary>
    public static NpgsqlParameter[] Frontier(FrontierRequest request)
    {
        var parameters = new List<NpgsqlParameter> { P("frontier", request.NodeIds.ToArray()), P("as_of", request.AsOf) };
        if (request.EdgeTypes is { } types)
        {
            parameters.Add(P("types", types.ToArray()));
        }

        if (request.MinWeight is { } minWeight)
        {
            parameters.Add(P("min_weight", minWeight));
        }

        if (request.MinFarNodeConfidence is { } minConfidence)
        {
            parameters.Add(P("min_confidence", minConfidence));
        }

        return [.. parameters];
    }

    /// <summary>
    /// A node query's conditions and parameters (<c>@after</c>, <c>@as_of</c>, <c>@limit</c> and each filter's): type
    /// and author with <c>= ANY</c>, tags with jsonb containment, time range on <c>created_at</c>, confidence on its own
    /// column; null when no node can match.
    /// </summary>
    public static (List<string> Conditions, NpgsqlParameter[] Parameters)? NodeQuery(NodeFilter filter, long afterSeq, long asOf, int limit)
    {
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter> { P("after", afterSeq), P("as_of", asOf), P("limit", limit) };
        void Where(string condition, NpgsqlParameter parameter)
        {
            conditions.Add(condition);
            parameters.Add(parameter);
        }

        if (filter.Types is { } types)
        {
            Where("n.type = ANY(@types)", P("types", types.ToArray()));
        }

        if (filter.Authors is { } authors)
        {
            Where("n.author = ANY(@authors)", P("authors", authors.ToArray()));
        }

        if (filter.Tags is { Count: > 0 } tags)
        {
            if (tags.Any(t => t.Contains('\0', StringComparison.Ordinal)))
            {
                return null; // jsonb cannot hold NUL, so no indexed metadata can contain such a tag
            }

            Where("n.metadata -> 'tags' @> @tags", new NpgsqlParameter<string>("tags", NpgsqlTypes.NpgsqlDbType.Jsonb) { TypedValue = JsonArray(tags) });
        }

        if (filter.CreatedFrom is { } from)
        {
            Where("n.created_at >= @created_from", P("created_from", from.ToUniversalTime()));
        }

        if (filter.CreatedBefore is { } before)
        {
            Where("n.created_at < @created_before", P("created_before", before.ToUniversalTime()));
        }

        if (filter.MinConfidence is { } minConfidence)
        {
            Where("n.confidence >= @min_confidence", P("min_confidence", minConfidence));
        }

        return (conditions, [.. parameters]);
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
