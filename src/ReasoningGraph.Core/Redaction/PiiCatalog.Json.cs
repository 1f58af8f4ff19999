using System.Text.Json;
using ReasoningGraph.Redaction.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Redaction;

public sealed partial class PiiCatalog
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };
    private static readonly HashSet<string> CatalogMembers = new(["policy_version", "fields"], StringComparer.Ordinal);
    private static readonly HashSet<string> FieldMembers = new(["json_path", "category", "mode", "label"], StringComparer.Ordinal);

    /// <summary>Reads a catalog from its UTF-8 JSON.</summary>
    /// <param name="utf8Json">The catalog document.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <c>INVALID_PAYLOAD</c>; <c>details.field</c> names the bad field (for example <c>fields[2].mode</c>). Unknown
    /// members are rejected too, so a misspelt <c>mode</c> cannot silently fall back to the category default.
    /// </exception>
    public static PiiCatalog Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            // Catalogs are small; the copy buys the duplicate-member check (two "mode"s would be ambiguous).
            document = JsonDocument.Parse(utf8Json.ToArray(), StrictJson);
        }
        catch (JsonException e)
        {
            throw GraphErrors.InvalidPayload("catalog", $"The PII catalog is not valid JSON: {e.Message}", reason: "invalid-json");
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>Reads a catalog from a stream of UTF-8 JSON (read to the end, not closed).</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the bad field.</exception>
    public static PiiCatalog Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var copy = new MemoryStream();
        utf8Json.CopyTo(copy);
        return Parse(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>Reads a catalog from a file of UTF-8 JSON.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the bad field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PiiCatalog LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path));
    }

    private static PiiCatalog FromJson(JsonElement root)
    {
        RequireObject(root, "catalog", CatalogMembers);
        var version = root.TryGetProperty("policy_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw GraphErrors.InvalidPayload("fields", "fields must be an array.", reason: "missing");
        }

        var entries = new List<PiiCatalogField>();
        int index = 0;
        foreach (var entry in fields.EnumerateArray())
        {
            entries.Add(FieldFromJson(entry, index++));
        }

        return new PiiCatalog(version, entries);
    }

    private static PiiCatalogField FieldFromJson(JsonElement entry, int index)
    {
        string prefix = $"fields[{index}]";
        RequireObject(entry, prefix, FieldMembers);
        var path = RequiredString(entry, "json_path", prefix, index);
        var categoryName = RequiredString(entry, "category", prefix, index);
        if (!PiiCatalogNames.TryParseCategory(categoryName, out var category))
        {
            throw GraphErrors.InvalidPayload(
                prefix + ".category", $"{prefix}.category '{categoryName}' is not one of {PiiCatalogNames.CategoryList}.", index, reason: "unknown-category");
        }

        RedactionMode? mode = null;
        if (entry.TryGetProperty("mode", out _))
        {
            var modeName = RequiredString(entry, "mode", prefix, index);
            mode = PiiCatalogNames.TryParseMode(modeName, out var m) ? m : throw GraphErrors.InvalidPayload(
                prefix + ".mode", $"{prefix}.mode '{modeName}' is not one of {PiiCatalogNames.ModeList}.", index, reason: "unknown-mode");
        }

        var label = entry.TryGetProperty("label", out _) ? RequiredString(entry, "label", prefix, index) : null;
        try
        {
            return new PiiCatalogField(path, category, mode, label);
        }
        catch (ReasoningGraphException e) when (e.ErrorCode == ErrorCodes.InvalidPayload && e.Details.TryGetValue("field", out var field))
        {
            throw GraphErrors.InvalidPayload($"{prefix}.{field}", $"{prefix}: {e.Message}", index, reason: e.Details.GetValueOrDefault("reason"));
        }
    }

    private static void RequireObject(JsonElement element, string field, HashSet<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw GraphErrors.InvalidPayload(field, $"{field} must be a JSON object.", reason: "not-an-object");
        }

        foreach (var member in element.EnumerateObject())
        {
            if (!allowed.Contains(member.Name))
            {
                var where = field == "catalog" ? member.Name : $"{field}.{member.Name}";
                throw GraphErrors.InvalidPayload(where, $"Unknown member '{where}'; expected one of {string.Join(", ", allowed)}.", reason: "unknown-member");
            }
        }
    }

    private static string RequiredString(JsonElement entry, string name, string prefix, int index) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw GraphErrors.InvalidPayload($"{prefix}.{name}", $"{prefix}.{name} must be a non-empty string.", index, reason: "missing");
}
