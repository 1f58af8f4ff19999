using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Host.VerifiableLog;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-inclusion --checkpoint FILE --proof FILE --verifier-key KEY</c>: the auditor's offline check that an
/// audit event is in the log a signed checkpoint names — the checkpoint's signature under the verifier key, then the
/// inclusion proof (<c>reasoning-graph log inclusion</c>, or the service's <c>/reason/.../inclusion</c> answer) from the
/// event's hash to the checkpoint's root (RFC 9162 §2.1.3.2). Prints the verdict as JSON; exit 0 verified, 1 not
/// (<c>checkpoint-signature</c>, <c>tree-size-mismatch</c> or <c>inclusion-mismatch</c>, named on stderr), 2 bad usage
/// or unreadable input.
/// </summary>
internal static class VerifyInclusionCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint")
        {
            Description = "The signed checkpoint (reasoning-graph log checkpoint, GET /reason/log/checkpoint).", Required = true, HelpName = "FILE",
        };
        var proof = new Option<string>("--proof")
        {
            Description = "The inclusion proof JSON (reasoning-graph log inclusion, or the service's answer); '-' reads standard input.", Required = true, HelpName = "FILE",
        };
        var verifierKey = new Option<string>("--verifier-key")
        {
            Description = "The checkpoint's note verifier key (name+id+key; GET /reason/log/verifier-key).", Required = true, HelpName = "KEY",
        };
        var command = new Command("verify-inclusion", "Verify that an audit event is in the log a signed checkpoint names, by its inclusion proof.")
        {
            checkpoint, proof, verifierKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? problem = null;
            int code = await GraphCommands.RunAsync(async () =>
            {
                var key = CheckpointCheck.ParseKey(parse.GetValue(verifierKey)!);
                var inclusion = Parse(await CommonOptions.ReadInputAsync(parse.GetValue(proof)!, cancellationToken));
                var file = parse.GetValue(checkpoint)!;
                var opened = CheckpointCheck.Open(file, key);
                problem = opened is null
                    ? $"checkpoint-signature: {file.FullName} is not a checkpoint signed by {key.Name} (no signature line of that key verifies)."
                    : inclusion.Problem(opened);
                await WriteVerdictAsync(inclusion, opened, problem, cancellationToken);
            });
            if (code != ExitCodes.Success)
            {
                return code;
            }

            if (problem is not null)
            {
                await Console.Error.WriteLineAsync("verification failed: " + problem);
                return ExitCodes.Negative;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static InclusionProof Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return InclusionProof.Parse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new UsageException("--proof: " + e.Message);
        }
    }

    private static Task WriteVerdictAsync(InclusionProof proof, LogCheckpoint? checkpoint, string? problem, CancellationToken cancellationToken) =>
        GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("verified", problem is null);
            if (problem is not null)
            {
                json.WriteString("reason", problem[..problem.IndexOf(':', StringComparison.Ordinal)]);
                json.WriteString("message", problem);
            }

            json.WriteString("origin", checkpoint?.Origin);
            json.WriteNumber("leafIndex", proof.LeafIndex);
            json.WriteNumber("treeSize", proof.TreeSize);
            json.WriteString("eventHash", Convert.ToHexStringLower(proof.EventHash));
            json.WriteEndObject();
        }, cancellationToken);
}
