using System.Text.Json;

namespace ReasoningGraph.Host.Cli;

/// <summary>One step of the smoke report: <c>{name, ok, status, ms, detail}</c>; status is null when no HTTP answer came.</summary>
internal sealed record SmokeStep(string Name, bool Ok, int? Status, long Ms, string Detail);

/// <summary>
/// The smoke command's one JSON document: <c>{"ok","url","steps":[…],"canary":{"run","nodeIds","edgeIds","snapshotId"}}</c>.
/// The canary ids are always listed (also when a write failed) so an operator can find, or explain, what was written.
/// </summary>
internal sealed record SmokeReport(IReadOnlyList<SmokeStep> Steps, Guid Run, IReadOnlyList<Guid> NodeIds, IReadOnlyList<Guid> EdgeIds, string? SnapshotId)
{
    public bool Ok => Steps.All(s => s.Ok);

    public Task WriteAsync(string url, CancellationToken cancellationToken) => GraphCommands.WriteUnescapedJsonAsync(json =>
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", Ok);
        json.WriteString("url", url);
        json.WriteStartArray("steps");
        foreach (var step in Steps)
        {
            json.WriteStartObject();
            json.WriteString("name", step.Name);
            json.WriteBoolean("ok", step.Ok);
            if (step.Status is { } status)
            {
                json.WriteNumber("status", status);
            }
            else
            {
                json.WriteNull("status");
            }

            json.WriteNumber("ms", step.Ms);
            json.WriteString("detail", step.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("canary");
        json.WriteString("run", Run);
        WriteIds(json, "nodeIds", NodeIds);
        WriteIds(json, "edgeIds", EdgeIds);
        if (SnapshotId is null)
        {
            json.WriteNull("snapshotId");
        }
        else
        {
            json.WriteString("snapshotId", SnapshotId);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }, cancellationToken);

    private static void WriteIds(Utf8JsonWriter json, string name, IReadOnlyList<Guid> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }
}
