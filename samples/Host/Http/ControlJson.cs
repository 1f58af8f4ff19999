using System.Text.Json;
using ReasoningGraph.Controls;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http;

/// <summary>The switches as the admin endpoints and the CLI print them: <c>signingHold</c> and <c>readOnly</c>, each <c>{reason, actor, since, auditEventId}</c> or null.</summary>
internal static class ControlJson
{
    public static void WriteMembers(Utf8JsonWriter writer, GraphControlState state)
    {
        Write(writer, "signingHold", state.SigningHold);
        Write(writer, "readOnly", state.ReadOnly);
    }

    private static void Write(Utf8JsonWriter writer, string name, GraphControlSetting? setting)
    {
        if (setting is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString("reason", setting.Reason);
        writer.WriteString("actor", setting.Actor);
        writer.WriteString("since", Rfc3339Nano.Format(setting.Since));
        writer.WriteString("auditEventId", setting.AuditEventId);
        writer.WriteEndObject();
    }
}
