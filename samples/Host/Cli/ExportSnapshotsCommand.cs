using System.CommandLine;
using System.Text.Json;
using Amazon.S3;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>export-snapshots --database-url URL --to DIR|s3://bucket/prefix [--auditor-to DIR|s3://…] [--env NAME]
/// [--audience all|operator|auditor] [--batch-size N] [--quiet]</c>: exports the signed snapshots not exported yet to
/// <c>&lt;to&gt;/reasoning-graph/&lt;env&gt;/&lt;timestamp&gt;.jsonl.gz</c> (<see cref="SnapshotExporter"/>): operator
/// snapshots to <c>--to</c>, auditor (PII) snapshots only to <c>--auditor-to</c>. Prints one JSON summary per audience;
/// the snapshots exported so far and the rate go to stderr (<see cref="CliProgress"/>: the number still to export is not
/// known in advance, so no percentage).
/// </summary>
internal static class ExportSnapshotsCommand
{
    public const string ToVariable = "EXPORT_TO";
    public const string AuditorToVariable = "EXPORT_AUDITOR_TO";
    public const string EnvironmentVariable = "REASONING_GRAPH_ENV";

    public static Command Create()
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var to = new Option<string?>("--to")
        {
            Description = $"Where operator snapshots go: a directory or s3://bucket/prefix (default: ${ToVariable}).", HelpName = "DIR|URI",
        };
        var auditorTo = new Option<string?>("--auditor-to")
        {
            Description = $"Where auditor (PII) snapshots go, and nowhere else: a directory or s3://bucket/prefix (default: ${AuditorToVariable}). "
                + "S3 settings from AUDITOR_S3_* when set, else S3_*.",
            HelpName = "DIR|URI",
        };
        var environment = new Option<string?>("--env")
        {
            Description = $"The environment name in the path <to>/reasoning-graph/<env>/ (default: ${EnvironmentVariable}, else 'production').", HelpName = "NAME",
        };
        var audience = new Option<string>("--audience")
        {
            Description = "Which snapshots to export; all is operator and auditor.", DefaultValueFactory = _ => "all", HelpName = "all|operator|auditor",
        }.AcceptOnlyFromAmong("all", "operator", "auditor");
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "At most this many snapshots per batch (a batch also closes at 64 MiB of documents).", DefaultValueFactory = _ => 1000, HelpName = "N",
        };
        var quiet = CliProgress.QuietOption();
        var command = new Command("export-snapshots", "Export signed snapshots not exported yet as gzipped JSONL batches, from the destination's seq watermark.")
        {
            database.Url, database.Schema, database.GraphId, to, auditorTo, environment, audience, batchSize, quiet,
        };
        command.SetAction((parse, cancellationToken) => BatchPush.RunAsync("export-snapshots", () => GraphCommands.RunAsync(async () =>
        {
            string which = parse.GetValue(audience)!;
            string env = EnvironmentName(parse.GetValue(environment));
            if (parse.GetValue(batchSize) is < 1 or > 100_000)
            {
                throw new UsageException("--batch-size must be between 1 and 100000.");
            }

            var storeOptions = database.ToStoreOptions(parse)!;
            var operatorTarget = which == "auditor" ? null : Location(parse.GetValue(to), ToVariable, "--to");
            var auditorTarget = which == "operator" ? null : Location(parse.GetValue(auditorTo), AuditorToVariable, "--auditor-to");
            if (which != "auditor" && operatorTarget is null)
            {
                throw new UsageException($"--to (or ${ToVariable}) is required: where operator snapshots go.");
            }

            if (which == "auditor" && auditorTarget is null)
            {
                throw new UsageException($"--audience auditor needs --auditor-to (or ${AuditorToVariable}): auditor snapshots go only to the archive configured for them.");
            }

            if (operatorTarget is not null && auditorTarget is not null && SameDestination(operatorTarget, auditorTarget))
            {
                throw new UsageException("--auditor-to must differ from --to: auditor (PII) snapshots never share the operator destination.");
            }

            await using var store = new PostgresGraphStore(storeOptions);
            if (which == "all" && auditorTarget is null && await store.Snapshots.AnySignedAsync(0, SnapshotAudience.Auditor, cancellationToken))
            {
                // Refused before anything is written: PII must not reach the operator destination, and must not be silently left behind.
                throw new ReasoningGraphException(ErrorCodes.Forbidden,
                    $"The graph has signed auditor (PII) snapshots but no archive is configured for them: set --auditor-to or ${AuditorToVariable}, " +
                    "or pass --audience operator to export only operator snapshots. Nothing was exported.");
            }

            var results = new List<SnapshotExportResult>();
            using (var progress = CliProgress.Start("export-snapshots", parse.GetValue(quiet)))
            {
                var feed = new CountingSnapshotFeed(store.Snapshots, progress);
                var exporter = new SnapshotExporter(feed, new SnapshotExportOptions { GraphId = storeOptions.GraphId, BatchSize = parse.GetValue(batchSize) });
                foreach (var (target, kind) in new[] { (operatorTarget, SnapshotAudience.Operator), (auditorTarget, SnapshotAudience.Auditor) })
                {
                    if (target is null)
                    {
                        continue;
                    }

                    using var destination = await OpenAsync(target, env, kind == SnapshotAudience.Auditor ? "AUDITOR_" : "", cancellationToken);
                    feed.Restart();
                    results.Add(await exporter.ExportAsync(destination.Value, kind, cancellationToken));
                }
            }

            await WriteSummaryAsync(results, cancellationToken);
        })));
        return command;
    }

    private static string EnvironmentName(string? option)
    {
        string env = option ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : "production");
        return env.Length is > 0 and <= 64 && env.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && env[0] != '.'
            ? env
            : throw new UsageException($"--env '{env}' must be 1 to 64 letters, digits, '-', '_' or '.' (it becomes part of a path).");
    }

    private static ArchiveLocation? Location(string? option, string variable, string name)
    {
        string? text = option ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null);
        return text is null ? null : ArchiveLocation.Parse(text, name);
    }

    private static bool SameDestination(ArchiveLocation a, ArchiveLocation b) =>
        a.Bucket == b.Bucket && string.Equals(a.Path.TrimEnd('/'), b.Path.TrimEnd('/'), StringComparison.Ordinal);

    private static async Task<OwnedDestination> OpenAsync(ArchiveLocation target, string env, string variablePrefix, CancellationToken cancellationToken)
    {
        if (!target.IsS3)
        {
            return new OwnedDestination(new DirectoryExportDestination(Path.Combine(target.Path, "reasoning-graph", env)), null);
        }

        var options = target.S3Options(variablePrefix);
        var client = ArchiveLocation.CreateClient(options);
        try
        {
            // The watermark's versions rely on the bucket's default retention; refuse a bucket that would not protect them.
            using (var archive = new S3SnapshotArchive(client, options))
            {
                var probe = await archive.ProbeAsync(cancellationToken);
                if (!probe.IsReady)
                {
                    throw new ReasoningGraphException(ErrorCodes.StoreUnavailable, $"{target.Text}: {probe.Detail}; export needs a bucket with Object Lock and a default retention.");
                }
            }

            string prefix = target.Path.Trim('/');
            string keyPrefix = (prefix.Length > 0 ? prefix + "/" : "") + "reasoning-graph/" + env + "/";
            return new OwnedDestination(new S3ExportDestination(client, options, keyPrefix), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task WriteSummaryAsync(IReadOnlyList<SnapshotExportResult> results, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteJsonAsync(json =>
        {
            json.WriteStartObject();
            foreach (var result in results)
            {
                json.WriteStartObject(result.Audience);
                json.WriteNumber("snapshots", result.Snapshots);
                json.WriteNumber("fromSeq", result.FromSeq);
                json.WriteNumber("toSeq", result.ToSeq);
                json.WriteNumber("documentBytes", result.DocumentBytes);
                json.WriteNumber("batchBytes", result.BatchBytes);
                WriteArray(json, "batches", result.Batches);
                WriteArray(json, "adopted", result.Adopted);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }, cancellationToken);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>A destination and the S3 client it was made on, disposed together.</summary>
    private sealed class OwnedDestination(IExportDestination value, IAmazonS3? client) : IDisposable
    {
        public IExportDestination Value => value;

        public void Dispose()
        {
            (value as IDisposable)?.Dispose();
            client?.Dispose();
        }
    }
}
