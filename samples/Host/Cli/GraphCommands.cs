using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReasoningGraph.Host.Cli;

/// <summary>What the graph commands share: parsing ids, writing JSON, mapping failures to exit codes.</summary>
internal static class GraphCommands
{
    public static Guid ParseId(string? text, string option) =>
        Guid.TryParse(text, out var id) ? id : throw new UsageException($"{option} must be a UUID, not '{text}'.");

    /// <summary>Writes one JSON document and a newline to standard output.</summary>
    public static async Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>Runs a command body; bad usage and domain failures go to stderr with exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ReasoningGraphException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.ErrorCode}: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
