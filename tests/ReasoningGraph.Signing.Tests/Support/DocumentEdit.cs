using System.Text;
using System.Text.Json.Nodes;

namespace ReasoningGraph.Signing.Tests.Support;

/// <summary>Edits a snapshot document as an attacker or a careless tool would.</summary>
internal static class DocumentEdit
{
    public static byte[] Apply(ReadOnlyMemory<byte> document, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(document.Span)!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
