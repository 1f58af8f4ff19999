using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary><see cref="Rfc3339NanoConverter"/> for optional timestamps.</summary>
internal sealed class NullableRfc3339NanoConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly Rfc3339NanoConverter Inner = new();

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            Inner.Write(writer, time, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
