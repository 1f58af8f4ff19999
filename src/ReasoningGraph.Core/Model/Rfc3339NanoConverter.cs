using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> in Go's RFC3339Nano form (see <see cref="Rfc3339Nano"/>).</summary>
internal sealed class Rfc3339NanoConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped
            || !Rfc3339Nano.TryParse(reader.ValueSpan, out var value))
        {
            throw new JsonException("Expected an RFC 3339 timestamp such as \"2025-11-17T12:00:00.12345Z\".");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[Rfc3339Nano.MaxLength];
        writer.WriteStringValue(buffer[..Rfc3339Nano.Format(value, buffer)]);
    }
}
