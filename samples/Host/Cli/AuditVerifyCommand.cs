using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>audit-verify --database-url URL --signers FILE [--limit N]</c>: verifies the graph's audit chain in
/// <c>created_at</c> order (hashes, links, signatures, strictly increasing time). Prints the verdict as JSON; exit 0
/// verified, 1 not verified (the first bad event named on stderr), 2 bad input (unreadable registry, unreachable database).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var database = new DatabaseOptions();
        database.Url.Required = true;
        var signers = new Option<FileInfo>("--signers") { Description = "The signer registry (any of the three registry shapes).", Required = true, HelpName = "FILE" };
        var limit = new Option<long?>("--limit") { Description = "Verify only the first N events of the chain.", HelpName = "N" };
        var command = new Command("audit-verify", "Verify the audit chain of a PostgreSQL graph against a signer registry.")
        {
            database.Url, database.Schema, database.GraphId, signers, limit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verdict = default(Audit.AuditChainVerification);
            int code = await GraphCommands.RunAsync(async () =>
            {
                if (parse.GetValue(limit) is < 0)
                {
                    throw new UsageException("--limit must not be negative.");
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

                await using var store = new PostgresGraphStore(database.ToStoreOptions(parse)!);
                verdict = await store.VerifyAuditChainAsync(registry, parse.GetValue(limit), cancellationToken);
                await WriteVerdictAsync(verdict, cancellationToken);
            });
            if (code != ExitCodes.Success || verdict is null)
            {
                return code;
            }

            if (verdict.IsValid)
            {
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync(
                $"verification failed at event {verdict.FailedEventId} (position {verdict.FailedIndex} in created_at order): {verdict.FailureReason}: {verdict.Message}");
            return ExitCodes.Negative;
        });
        return command;
    }

    private static async Task WriteVerdictAsync(Audit.AuditChainVerification verdict, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("verified", verdict.IsValid);
            json.WriteNumber("verifiedCount", verdict.VerifiedCount);
            json.WriteString("lastHash", verdict.LastHash);
            if (!verdict.IsValid)
            {
                json.WriteString("failedEventId", verdict.FailedEventId?.ToString());
                json.WriteNumber("failedIndex", verdict.FailedIndex ?? 0);
                json.WriteString("reason", verdict.FailureReason);
                json.WriteString("message", verdict.Message);
            }

            json.WriteEndObject();
        }, cancellationToken);
    }
}
