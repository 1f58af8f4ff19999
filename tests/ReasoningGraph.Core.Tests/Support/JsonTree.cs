using System.Globalization;
using System.Text;

namespace ReasoningGraph.Tests.Support;

/// <summary>A JSON value built by the property tests, rendered to text in many equivalent ways.</summary>
public abstract record JsonTree
{
    /// <summary>A readable rendering for failure reports.</summary>
    public sealed override string ToString() => Render(new Random(0));

    /// <summary>Renders with random whitespace, member order, escapes and number spellings chosen by <paramref name="random"/>.</summary>
    public string Render(Random random)
    {
        var text = new StringBuilder();
        Write(text, random);
        return text.ToString();
    }

    internal abstract void Write(StringBuilder text, Random random);

    internal static void Space(StringBuilder text, Random random)
    {
        while (random.Next(4) == 0)
        {
            text.Append(" \t\r\n"[random.Next(4)]);
        }
    }

    internal static void WriteString(StringBuilder text, string value, Random random)
    {
        text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                // A pair is escaped as two \u escapes or written raw, never split.
                char low = value[++i];
                text.Append(random.Next(4) == 0 ? $"\\u{(int)c:x4}\\u{(int)low:X4}" : $"{c}{low}");
                continue;
            }

            bool mustEscape = c is '"' or '\\' || c < 0x20;
            if (!mustEscape && random.Next(8) != 0)
            {
                text.Append(c);
                continue;
            }

            string? shortForm = c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\b' => "\\b", '\f' => "\\f", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '/' => "\\/", _ => null,
            };
            text.Append(shortForm is not null && random.Next(2) == 0
                ? shortForm
                : "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
        }

        text.Append('"');
    }
}

public sealed record JsonLiteral(string Text) : JsonTree
{
    internal override void Write(StringBuilder text, Random random) => text.Append(Text);
}

public sealed record JsonNumber(double Value) : JsonTree
{
    internal override void Write(StringBuilder text, Random random)
    {
        // Every spelling below parses back to the same double.
        string spelling = random.Next(4) switch
        {
            0 => Value.ToString("E16", CultureInfo.InvariantCulture),
            1 => Value.ToString("G17", CultureInfo.InvariantCulture),
            _ => Value.ToString("R", CultureInfo.InvariantCulture),
        };
        text.Append(spelling.Replace("E+", random.Next(2) == 0 ? "e" : "E+", StringComparison.Ordinal));
    }
}

public sealed record JsonText(string Value) : JsonTree
{
    internal override void Write(StringBuilder text, Random random) => WriteString(text, Value, random);
}

public sealed record JsonArray(IReadOnlyList<JsonTree> Items) : JsonTree
{
    internal override void Write(StringBuilder text, Random random)
    {
        text.Append('[');
        for (int i = 0; i < Items.Count; i++)
        {
            Space(text, random);
            Items[i].Write(text, random);
            Space(text, random);
            if (i < Items.Count - 1)
            {
                text.Append(',');
            }
        }

        text.Append(']');
    }
}

public sealed record JsonObject(IReadOnlyList<KeyValuePair<string, JsonTree>> Members) : JsonTree
{
    internal override void Write(StringBuilder text, Random random)
    {
        text.Append('{');
        var order = Members.OrderBy(_ => random.Next()).ToList();
        for (int i = 0; i < order.Count; i++)
        {
            Space(text, random);
            WriteString(text, order[i].Key, random);
            Space(text, random);
            text.Append(':');
            Space(text, random);
            order[i].Value.Write(text, random);
            Space(text, random);
            if (i < order.Count - 1)
            {
                text.Append(',');
            }
        }

        text.Append('}');
    }
}
