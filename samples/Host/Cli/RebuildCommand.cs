using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReasoningGraph.Archive;
using ReasoningGraph.Replay;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>rebuild --graph FILE --archive URI --signers FILE --database-url URL [--schema S] [--graph-id G] [--pii-catalog FILE]</c>: disaster
/// recovery (docs/runbooks/replay-rebuild.md). Brings the database's schema up to date, imports an <c>export</c> file
/// into the empty graph in safe mode (no signer is configured or asked, no audit events, no snapshots), then verifies
/// every snapshot of the archive against the rebuilt graph (<see cref="SnapshotReplayVerifier"/>), redacting operator
/// snapshots with <c>--pii-catalog</c> (and <c>PII_SALT</c>, <c>PII_SALT_ID</c>) as the service did. Prints
/// <c>{"created","maxSeq","snapshots","verified","mismatches":[{"snapshotId","difference","message"}]}</c>; exits 0
/// when every snapshot verifies, 1 when one does not (each named on stderr), 2 on bad input (a graph that is not
/// empty: <c>CONFLICT</c>; a bad line: <c>FILE: line N: CODE</c>, and nothing is written).
/// </summary>
internal static class RebuildCommand
{
    public static Command Create()
    {
        var graph = new Option<string>("--graph") { Description = "The interchange JSONL file written by 'export'.", HelpName = "FILE", Required = true };
        var archive = new Option<string>("--archive")
        {
            Description = "The snapshot archive: s3://bucket/prefix/ (S3_* environment for endpoint and credentials) or a directory.",
            HelpName = "URI",
            Required = true,
        };
        var signers = new Option<FileInfo>("--signers") { Description = "The signer registry the archived signatures are verified with.", HelpName = "FILE", Required = true };
        var piiCatalog = PiiCatalogOption.Create("the catalog (the service's PII_CATALOG_FILE) operator snapshots were redacted with; without it they are compared unredacted.");
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var quiet = CliProgress.QuietOption();
        var command = new Command("rebuild", "Rebuild a graph into an empty database from an export in safe mode (signing suspended), then verify every archived snapshot against it.")
        {
            graph, archive, signers, database.Url, database.Schema, database.GraphId, piiCatalog, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SignerRegistry registry;
            try
            {
                registry = SignerRegistry.Load(parse.GetValue(signers)!.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            int exit = ExitCodes.Success;
            int code = await GraphCommands.RunAsync(async () =>
            {
                // Checked before anything is written: a catalog that cannot be used leaves the database as it was.
                var redactor = PiiCatalogOption.CreateRedactor(parse.GetValue(piiCatalog));
                var options = database.ToStoreOptions(parse)!;
                await using (var migrator = new PostgresMigrator(options))
                {
                    await migrator.MigrateAsync(cancellationToken);
                }

                // Safe mode: the store gets no signer at all, so nothing can be signed by mistake.
                await using var target = await DatabaseStore.OpenAsync(options, withSigner: false);
                await RequireEmptyAsync(target.Store, cancellationToken);
                var imported = await ImportCommand.ImportFileAsync(parse.GetValue(graph)!, target.Store.ImportUnauditedAsync, parse.GetValue(quiet), cancellationToken);
                var archiveStore = ArchiveLocation.Parse(parse.GetValue(archive)!, "--archive").OpenSnapshotArchive("--archive");
                using var disposeArchive = archiveStore as IDisposable;
                var verifier = new SnapshotReplayVerifier(target.Store, new SnapshotVerifier(registry), redactor);
                var results = await VerifyArchiveAsync(archiveStore, verifier, parse.GetValue(quiet), cancellationToken);
                await WriteSummaryAsync(imported, results, cancellationToken);
                foreach (var failed in results.Where(r => !r.IsVerified))
                {
                    await Console.Error.WriteLineAsync($"snapshot {failed.SnapshotId}: {failed.Difference}: {failed.Message}");
                    exit = ExitCodes.Negative;
                }
            });
            return code == ExitCodes.Success ? exit : code;
        });
        return command;
    }

    private static async Task RequireEmptyAsync(PostgresGraphStore store, CancellationToken cancellationToken)
    {
        long maxSeq = await store.GetMaxSeqAsync(cancellationToken);
        if (maxSeq > 0)
        {
            throw new ReasoningGraphException(ErrorCodes.Conflict,
                $"rebuild needs an empty graph, but graph '{store.GraphId}' holds items up to seq {maxSeq}: use a fresh database (or --graph-id).");
        }
    }

    /// <summary>Re-collects and compares every archived snapshot, its progress on stderr (the archive's size is not known until listed).</summary>
    private static async Task<List<SnapshotReplayResult>> VerifyArchiveAsync(ISnapshotArchive archive, SnapshotReplayVerifier verifier, bool quiet, CancellationToken cancellationToken)
    {
        var results = new List<SnapshotReplayResult>();
        using var progress = CliProgress.Start("rebuild snapshots", quiet);
        await foreach (var entry in archive.ListAsync(cancellationToken))
        {
            var document = await archive.GetAsync(entry.SnapshotId, entry.Hash, cancellationToken)
                ?? throw new ArchiveException(ErrorCodes.StoreUnavailable, ArchiveFailureReasons.Unavailable, $"{entry.Name} was listed but cannot be read.", entry.Name);
            results.Add(await verifier.VerifyAsync(document.Document, cancellationToken));
            progress.Add();
        }

        return results;
    }

    private static async Task WriteSummaryAsync(ImportResult imported, List<SnapshotReplayResult> results, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteJsonAsync(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("created", imported.Created);
            writer.WriteNumber("maxSeq", imported.MaxSeq);
            writer.WriteNumber("snapshots", results.Count);
            writer.WriteNumber("verified", results.Count(r => r.IsVerified));
            writer.WriteStartArray("mismatches");
            foreach (var failed in results.Where(r => !r.IsVerified))
            {
                writer.WriteStartObject();
                writer.WriteString("snapshotId", failed.SnapshotId);
                writer.WriteString("difference", failed.Difference);
                writer.WriteString("message", failed.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }, cancellationToken);
    }
}
