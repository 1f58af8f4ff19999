using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Canonicalization;

namespace ReasoningGraph.Benchmarks.Redaction;

/// <summary>
/// The obvious approach, as a baseline: parse into a mutable <see cref="JsonNode"/> copy, evaluate each path by
/// recursive descent, replace or remove the matches, serialize and parse back into a <see cref="JsonElement"/>.
/// </summary>
public static class NaiveJsonNodeRedactor
{
    public static JsonElement Redact(JsonElement document, (string[] Steps, string Mode)[] rules, byte[] salt)
    {
        var root = JsonNode.Parse(document.GetRawText())!;
        foreach (var (steps, mode) in rules)
        {
            Apply(root, steps, 0, mode, salt);
        }

        return JsonDocument.Parse(root.ToJsonString()).RootElement.Clone();
    }

    private static void Apply(JsonNode? node, string[] steps, int i, string mode, byte[] salt)
    {
        var step = steps[i];
        bool last = i == steps.Length - 1;
        if (step.StartsWith("..", StringComparison.Ordinal))
        {
            var name = step[2..];
            var children = node switch
            {
                JsonObject o => o.Select(m => m.Value).ToList(),
                JsonArray a => [.. a],
                _ => [],
            };
            if (node is JsonObject obj && obj.ContainsKey(name))
            {
                Replace(obj, name, mode, salt);
            }

            foreach (var child in children)
            {
                Apply(child, steps, i, mode, salt);
            }

            return;
        }

        if (step == "*" && node is JsonArray array)
        {
            foreach (var item in array.ToList())
            {
                Apply(item, steps, i + 1, mode, salt);
            }
        }
        else if (node is JsonObject o && o.ContainsKey(step))
        {
            if (last)
            {
                Replace(o, step, mode, salt);
            }
            else
            {
                Apply(o[step], steps, i + 1, mode, salt);
            }
        }
    }

    private static void Replace(JsonObject parent, string name, string mode, byte[] salt)
    {
        switch (mode)
        {
            case "remove":
                parent.Remove(name);
                break;
            case "hash":
                var canonical = CanonicalJson.Canonicalize(parent[name]?.ToJsonString() ?? "null");
                parent[name] = "sha256:s1:" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, canonical));
                break;
            default:
                parent[name] = "[REDACTED:" + name.ToUpperInvariant() + "]";
                break;
        }
    }

    public static int Touch(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText()) > 0 ? 1 : 0;
}
