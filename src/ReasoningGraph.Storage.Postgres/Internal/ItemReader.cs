using System.Text.Json;
using Npgsql;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Materializes rows of <see cref="ItemShape"/>. Payload and metadata come from the exact bytes that were written.</summary>
internal static class ItemReader
{
    public static GraphItem Read(NpgsqlDataReader row) => row.GetInt32(ItemShape.Kind) switch
    {
        1 => ReadNode(row),
        2 => ReadEdge(row),
        _ => ReadAnnotation(row),
    };

    public static ReasoningNode ReadNode(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(ItemShape.Id),
        Seq = row.GetInt64(ItemShape.Seq),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(ItemShape.CreatedAt),
        Type = row.GetString(ItemShape.Type),
        Author = row.GetString(ItemShape.Author),
        Payload = Json(row, ItemShape.PayloadRaw),
        Metadata = Json(row, ItemShape.MetadataRaw),
        Version = Text(row, ItemShape.Version),
        ManifestSignatureId = Text(row, ItemShape.ManifestSignatureId),
        AuditEventId = Text(row, ItemShape.AuditEventId),
    };

    private static ReasoningEdge ReadEdge(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(ItemShape.Id),
        Seq = row.GetInt64(ItemShape.Seq),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(ItemShape.CreatedAt),
        From = row.GetGuid(ItemShape.From),
        To = row.GetGuid(ItemShape.To),
        Type = row.GetString(ItemShape.Type),
        Weight = row.IsDBNull(ItemShape.Weight) ? null : row.GetDouble(ItemShape.Weight),
        Metadata = Json(row, ItemShape.MetadataRaw),
        AuditEventId = Text(row, ItemShape.AuditEventId),
    };

    public static ReasoningAnnotation ReadAnnotation(NpgsqlDataReader row) => new()
    {
        Id = row.GetGuid(ItemShape.Id),
        Seq = row.GetInt64(ItemShape.Seq),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(ItemShape.CreatedAt),
        TargetId = row.GetGuid(ItemShape.TargetId),
        TargetType = row.GetString(ItemShape.TargetType) == "edge" ? AnnotationTargetType.Edge : AnnotationTargetType.Node,
        AnnotationType = row.GetString(ItemShape.Type),
        Author = row.GetString(ItemShape.Author),
        Payload = Json(row, ItemShape.PayloadRaw),
    };

    private static string? Text(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    /// <summary>One shared <c>{}</c>: most edges and many nodes have no metadata, and each parse is a document.</summary>
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}"u8);

    /// <summary>Parses stored JSON bytes into an element that owns its memory (no pooled document to dispose).</summary>
    private static JsonElement Json(NpgsqlDataReader row, int ordinal)
    {
        var bytes = row.GetFieldValue<byte[]>(ordinal);
        if (bytes is [(byte)'{', (byte)'}'])
        {
            return EmptyObject;
        }

        var reader = new Utf8JsonReader(bytes);
        return JsonElement.ParseValue(ref reader);
    }
}
