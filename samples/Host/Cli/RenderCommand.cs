using System.CommandLine;
using System.Text;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Export;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>render --snapshot FILE|URI [--signers FILE | --public-key FILE] --out FILE</c>: the auditor's page
/// (<see cref="SnapshotPage"/>) of one signed snapshot document, read as <c>verify-snapshot</c> reads it (a file,
/// <c>-</c>, an http(s) URL or <c>s3://bucket/key</c>; the service's answer <c>{"ok":true,"snapshot":…}</c> is unwrapped)
/// and verified offline with the same verifier and keys, the result at the top of the page. The page is written
/// whatever the verdict (a failure is worth showing), never saying verified for a document that did not verify.
/// Exit 0 rendered and verified; 1 rendered but not verified (failed, or no key given), said on stderr; 2 bad usage or
/// input that is not one snapshot document (nothing written).
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var snapshot = new Option<string>("--snapshot")
        {
            Description = "The snapshot document: a file, '-' for standard input, an http(s) URL, or s3://bucket/key (as verify-snapshot reads it).",
            Required = true,
            HelpName = "FILE|URI",
        };
        var output = new Option<FileInfo>("--out") { Description = "The HTML page to write (replaced if it exists).", Required = true, HelpName = "FILE" };
        var keys = new SnapshotKeys();
        var source = new SnapshotSourceOptions();
        var command = new Command("render", "Render the auditor's page (self-contained HTML) of a signed snapshot document, with its offline verification on it (without --signers or --public-key: not verified).")
        {
            snapshot, keys.Signers, keys.PublicKey, source.Headers, source.Certificate, source.Key, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IDigestVerifier? verifier;
            byte[] document;
            SnapshotPageContent content;
            try
            {
                verifier = keys.Load(parse);
                document = SnapshotSource.Unwrap(await source.Create(parse).ReadAsync(parse.GetValue(snapshot)!, cancellationToken));
                if (SnapshotBatchFormat.IsGzip(document) || SnapshotBatchFormat.StartsWithBatchLine(document))
                {
                    throw new UsageException("--snapshot is an export batch; render takes one snapshot document (verify a batch with verify-snapshot).");
                }

                content = SnapshotPageContent.Read(document);
            }
            catch (Exception e) when (SnapshotSource.IsUnreadable(e))
            {
                await Console.Error.WriteLineAsync(e is FormatException ? $"error: not a snapshot document: {e.Message}" : $"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (ReasoningGraphException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.ErrorCode}: {e.Message}");
                return ExitCodes.BadInput;
            }

            var verdict = new SnapshotPageVerdict(new SnapshotVerifier(verifier ?? NoKeys.Instance).Verify(document), verifier is null ? null : keys.Describe(parse));
            string page;
            try
            {
                page = await RenderAsync(content, verdict, cancellationToken);
            }
            catch (ReasoningGraphException e)
            {
                await Console.Error.WriteLineAsync($"error: the document's items do not form a graph: {e.ErrorCode}: {e.Message}");
                return ExitCodes.BadInput;
            }

            var file = parse.GetValue(output)!;
            string partial = file.FullName + ".partial"; // the page appears whole or not at all
            try
            {
                await File.WriteAllTextAsync(partial, page, new UTF8Encoding(false), cancellationToken);
                File.Move(partial, file.FullName, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (File.Exists(partial))
                {
                    File.Delete(partial);
                }

                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            return await ReportAsync(file, content, verdict, cancellationToken);
        });
        return command;
    }

    private static async Task<string> RenderAsync(SnapshotPageContent content, SnapshotPageVerdict verdict, CancellationToken cancellationToken)
    {
        // The document holds what its service accepted, whatever that service's types and payload limit were.
        await using var graph = await GraphSource.OpenAsync(content.ToImportBatch(), options =>
        {
            options.MaxPayloadBytes = int.MaxValue;
            options.NodeTypes.UnionWith(content.Nodes.Select(n => n.Type));
            options.EdgeTypes.UnionWith(content.Edges.Select(e => e.Type));
        }, cancellationToken);
        var roots = new List<SnapshotPage.RootTrace>();
        var nodes = content.Nodes.Select(n => n.Id).ToHashSet();
        foreach (string text in content.RootIds.Distinct(StringComparer.Ordinal))
        {
            if (Guid.TryParse(text, out var id) && nodes.Contains(id))
            {
                var trace = await graph.Graph.GetCausalTraceAsync(id, cancellationToken);
                roots.Add(new SnapshotPage.RootTrace(id, trace, graph.Graph.Explain(trace)));
            }
        }

        return SnapshotPage.Render(content, roots, verdict, TimeProvider.System.GetUtcNow());
    }

    private static async Task<int> ReportAsync(FileInfo file, SnapshotPageContent content, SnapshotPageVerdict verdict, CancellationToken cancellationToken)
    {
        string state = verdict.State;
        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("out", file.FullName);
            json.WriteString("verdict", state);
            json.WriteBoolean("verified", state == "verified");
            json.WriteString("reason", verdict.Result.Reason);
            json.WriteString("snapshotId", content.Id);
            json.WriteNumber("nodes", content.Nodes.Count);
            json.WriteNumber("edges", content.Edges.Count);
            json.WriteEndObject();
        }, cancellationToken);
        switch (state)
        {
            case "verified":
                return ExitCodes.Success;
            case "not-verified":
                await Console.Error.WriteLineAsync("not verified: no key given (--signers FILE or --public-key FILE); the page says so.");
                return ExitCodes.Negative;
            default:
                await Console.Error.WriteLineAsync($"verification failed: {verdict.Failure}; the page says so.");
                return ExitCodes.Negative;
        }
    }

    /// <summary>The verifier without keys: it knows no signer, so the verifier checks the document and its hashes and stops at the signer.</summary>
    private sealed class NoKeys : IDigestVerifier
    {
        public static readonly NoKeys Instance = new();

        public bool IsKnownSigner(string signerId) => false;

        public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) => false;
    }
}
