using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>What the graph commands share: parsing ids, writing JSON, mapping failures to exit codes.</summary>
internal static class GraphCommands
{
    public static Guid ParseId(string? text, string option) =>
        Guid.TryParse(text, out var id) ? id : throw new UsageException($"{option} must be a UUID, not '{text}'.");

    /// <summary>Writes one serialized value and a newline to standard output (see <see cref="WriteUnescapedJsonAsync"/>).</summary>
    public static Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteUnescapedJsonAsync(writer => JsonSerializer.Serialize(writer, value, typeInfo), cancellationToken);

    /// <summary>Writes one JSON document, written by <paramref name="write"/>, and a newline to standard output: a command's summary line.</summary>
    public static Task WriteJsonAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken) =>
        WriteToStandardOutputAsync(write, default, cancellationToken);

    /// <summary>As <see cref="WriteJsonAsync(Action{Utf8JsonWriter}, CancellationToken)"/>, with non-ASCII text and HTML-sensitive characters left unescaped.</summary>
    public static Task WriteUnescapedJsonAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken) =>
        WriteToStandardOutputAsync(write, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, cancellationToken);

    private static async Task WriteToStandardOutputAsync(Action<Utf8JsonWriter> write, JsonWriterOptions options, CancellationToken cancellationToken)
    {
        await using var stdout = Console.OpenStandardOutput();
        await using (var writer = new Utf8JsonWriter(stdout, options))
        {
            write(writer);
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
