using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>audit-verify (--database-url URL | --data-dir DIR) --signers FILE [--limit N] [--expect-head HASH] [--min-events N]</c>: verifies the
/// graph's audit chain in <c>created_at</c> order (hashes, links, signatures, strictly increasing time), then, for the
/// whole chain, that every stored item has exactly one event whose <c>entityHash</c> matches the item as stored
/// (<see cref="Audit.AuditCoverage"/>). <c>--expect-head</c> (a head hash the auditor kept) and <c>--min-events</c>
/// detect a chain cut short, which the chain alone cannot show. Prints the verdict as JSON; exit 0 verified, 1 not
/// verified (the first problem named on stderr), 2 bad input (unreadable registry, unreachable database).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        var dataDirectory = new Option<string?>("--data-dir") { Description = "The embedded store's DATA_DIR (its journal holds the chain), instead of --database-url.", HelpName = "DIR" };
        var signers = new Option<FileInfo>("--signers") { Description = "The signer registry (any of the three registry shapes).", Required = true, HelpName = "FILE" };
        var limit = new Option<long?>("--limit") { Description = "Verify only the first N events of the chain (skips the item cross-check).", HelpName = "N" };
        var expectHead = new Option<string?>("--expect-head") { Description = "A chain head hash kept earlier: the chain must still pass through it (detects a truncated or rewritten chain).", HelpName = "HASH" };
        var minEvents = new Option<long?>("--min-events") { Description = "The chain must hold at least N events (detects deleted tail events).", HelpName = "N" };
        var requireSigned = new Option<bool>("--require-signed")
        {
            Description = "Fail (exit 1) while any event's signature is still pending (written during a signer outage); without it they are reported and verification passes.",
        };
        var checkpoint = new Option<FileInfo?>("--checkpoint")
        {
            Description = "A signed checkpoint kept earlier (reasoning-graph log checkpoint): the chain must still extend it (its first N events hash to the checkpoint's root).",
            HelpName = "FILE",
        };
        var verifierKey = new Option<string?>("--verifier-key") { Description = "The checkpoint's note verifier key (name+id+key), required with --checkpoint.", HelpName = "KEY" };
        var quiet = CliProgress.QuietOption();
        var command = new Command("audit-verify", "Verify the audit chain of a PostgreSQL graph or an embedded store's data directory against a signer registry.")
        {
            database.Url, database.Schema, database.GraphId, dataDirectory, signers, limit, expectHead, minEvents, requireSigned, checkpoint, verifierKey, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            AuditVerdict? verdict = null;
            int code = await GraphCommands.RunAsync(async () =>
            {
                if (parse.GetValue(limit) is < 0 || parse.GetValue(minEvents) is < 0)
                {
                    throw new UsageException("--limit and --min-events must not be negative.");
                }

                SignerRegistry registry;
                try
                {
                    registry = SignerRegistry.Load(parse.GetValue(signers)!.FullName);
                }
                catch (FormatException e)
                {
                    throw new UsageException(e.Message);
                }

                var kept = parse.GetValue(checkpoint) is { } file ? CheckpointCheck.Read(file, parse.GetValue(verifierKey)) : null;
                if ((parse.GetValue(dataDirectory) is null) == (parse.GetValue(database.Url) is null))
                {
                    throw new UsageException("Name the store: --database-url URL or --data-dir DIR (one of them).");
                }

                var checks = new Checks(parse.GetValue(limit), parse.GetValue(expectHead), parse.GetValue(minEvents), parse.GetValue(requireSigned), kept);
                using var progress = CliProgress.Start("audit-verify", parse.GetValue(quiet), total: checks.Limit);
                if (parse.GetValue(dataDirectory) is { } directory)
                {
                    using var embedded = AuditLogSource.OpenJournal(directory);
                    verdict = await VerifyAsync(embedded, embedded, registry, checks, progress, cancellationToken);
                }
                else
                {
                    await using var store = new PostgresGraphStore(database.ToStoreOptions(parse)!);
                    verdict = await VerifyAsync(store, store, registry, checks, progress, cancellationToken);
                }

                await WriteVerdictAsync(verdict, cancellationToken);
            });
            if (code != ExitCodes.Success || verdict is null)
            {
                return code;
            }

            if (verdict.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync("verification failed: " + problem);
                return ExitCodes.Negative;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The chain, the expected head and count, then (for the whole chain) the items against their events.</summary>
    private static async Task<AuditVerdict> VerifyAsync(
        Audit.IAuditLog log, IReasoningGraphStore store, SignerRegistry registry, Checks checks, CliProgress progress, CancellationToken cancellationToken)
    {
        var (limit, expectHead, minEvents, requireSigned, kept) = checks;
        var hashes = new List<byte[]>();
        long seqBefore = await store.GetMaxSeqAsync(cancellationToken);
        bool headSeen = false;
        var chain = await new Audit.AuditChainVerifier(registry).VerifyAsync(
            Watch(log.ReadAuditEventsAsync(limit, cancellationToken), e =>
            {
                progress.Add();
                headSeen |= e.Hash == expectHead;
                if (kept is not null && hashes.Count < kept.TreeSize)
                {
                    hashes.Add(Convert.FromHexString(e.Hash));
                }
            }), cancellationToken);
        if (!chain.IsValid)
        {
            return new AuditVerdict(chain, null, $"event {chain.FailedEventId} (position {chain.FailedIndex} in created_at order): {chain.FailureReason}: {chain.Message}");
        }

        if (requireSigned && chain.PendingSignatureCount > 0)
        {
            return new AuditVerdict(chain, null, $"signature-pending: {chain.PendingSignatureCount} events are chained but not yet signed (the first: {chain.FirstPendingEventId}); the audit signature worker signs them once the signer answers.");
        }

        if (expectHead is not null && !headSeen)
        {
            return new AuditVerdict(chain, null, $"head-missing: the chain does not pass through the expected head {expectHead}; it was cut short or rewritten after that head was taken.");
        }

        if (kept is not null && CheckpointCheck.Problem(kept, hashes) is { } divergence)
        {
            return new AuditVerdict(chain, null, divergence);
        }

        if (minEvents is { } min && chain.VerifiedCount < min)
        {
            return new AuditVerdict(chain, null, $"too-few-events: the chain holds {chain.VerifiedCount} events, fewer than the {min} expected; events were deleted from its end.");
        }

        if (limit is not null)
        {
            return new AuditVerdict(chain, null, null);
        }

        var coverage = await Audit.AuditCoverage.CheckAsync(
            log.ReadAuditEventsAsync(null, cancellationToken), () => ItemsNowAsync(store, cancellationToken), seqBefore, cancellationToken);
        return new AuditVerdict(chain, coverage, coverage.Problems.Count > 0 ? $"{coverage.Problems[0].Kind}: {coverage.Problems[0].Message} ({coverage.ProblemCount} problems in all)" : null);
    }

    /// <summary>Every item as of the max seq read now, after the events: each event read has its item among them.</summary>
    private static async IAsyncEnumerable<Model.GraphItem> ItemsNowAsync(IReasoningGraphStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long asOf = await store.GetMaxSeqAsync(cancellationToken);
        await foreach (var item in store.ReadAllAsync(0, asOf, cancellationToken))
        {
            yield return item;
        }
    }

    private static async IAsyncEnumerable<Audit.AuditEvent> Watch(IAsyncEnumerable<Audit.AuditEvent> events, Action<Audit.AuditEvent> see)
    {
        await foreach (var auditEvent in events.ConfigureAwait(false))
        {
            see(auditEvent);
            yield return auditEvent;
        }
    }

    /// <summary>What the chain is checked for beyond its own integrity (the command's options).</summary>
    private sealed record Checks(long? Limit, string? ExpectHead, long? MinEvents, bool RequireSigned, Audit.LogCheckpoint? Kept);

    private sealed record AuditVerdict(Audit.AuditChainVerification Chain, Audit.AuditCoverageResult? Coverage, string? Problem);

    private static async Task WriteVerdictAsync(AuditVerdict verdict, CancellationToken cancellationToken)
    {
        var chain = verdict.Chain;
        await GraphCommands.WriteJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("verified", verdict.Problem is null);
            json.WriteNumber("verifiedCount", chain.VerifiedCount);
            json.WriteString("lastHash", chain.LastHash);
            json.WriteNumber("pendingSignatures", chain.PendingSignatureCount);
            if (!chain.IsValid)
            {
                json.WriteString("failedEventId", chain.FailedEventId?.ToString());
                json.WriteNumber("failedIndex", chain.FailedIndex ?? 0);
                json.WriteString("reason", chain.FailureReason);
                json.WriteString("message", chain.Message);
            }
            else if (verdict.Problem is { } problem && verdict.Coverage is null)
            {
                json.WriteString("reason", problem[..problem.IndexOf(':', StringComparison.Ordinal)]);
                json.WriteString("message", problem);
            }

            if (verdict.Coverage is { } coverage)
            {
                json.WriteStartObject("items");
                json.WriteNumber("checked", coverage.Items);
                json.WriteNumber("events", coverage.ItemEvents);
                json.WriteNumber("problemCount", coverage.ProblemCount);
                json.WriteStartArray("problems");
                foreach (var item in coverage.Problems)
                {
                    json.WriteStartObject();
                    json.WriteString("entityId", item.EntityId.ToString());
                    json.WriteString("kind", item.Kind);
                    json.WriteString("message", item.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }, cancellationToken);
    }
}
