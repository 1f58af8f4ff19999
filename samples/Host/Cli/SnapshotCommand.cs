using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>snapshot (--graph FILE | --database-url URL) --root ID… [--depth N] [--audience operator|auditor] [--export-pii]
/// [--pii-catalog FILE] (--key FILE | --signing-proxy URL) [--signer-id ID] [--request-id ID] --out FILE</c>: builds, signs
/// and writes a snapshot document (the exact signed bytes) and prints
/// <c>{"snapshotId","hash","signerId","createdAt","status","auditEventId"}</c>. With <c>--database-url</c> the snapshot and
/// its audit event are stored in the database too. With <c>--pii-catalog</c> operator snapshots are built from content
/// redacted by that catalog (salt from <c>PII_SALT</c> and <c>PII_SALT_ID</c>, as for <c>serve</c>).
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var graph = GraphSource.GraphOption();
        var database = new DatabaseOptions();
        var roots = new Option<string[]>("--root")
        {
            Description = "A root node id; repeat for several roots.", Required = true, HelpName = "ID", AllowMultipleArgumentsPerToken = true,
        };
        var depth = new Option<int>("--depth") { Description = "Edges away from a root, in both directions.", DefaultValueFactory = _ => 2, HelpName = "N" };
        var audience = new Option<string>("--audience")
        {
            Description = "operator (PII redacted) or auditor (may include PII; needs --export-pii).",
            DefaultValueFactory = _ => "operator",
            HelpName = "operator|auditor",
        }.AcceptOnlyFromAmong("operator", "auditor");
        var exportPii = new Option<bool>("--export-pii") { Description = "The caller holds the export:pii capability (required for --audience auditor)." };
        var piiCatalog = PiiCatalogOption.Create("operator snapshots are built from content redacted by it.");
        var key = new Option<FileInfo?>("--key") { Description = "A local Ed25519 private key (PKCS#8 PEM, base64 seed or base64 Go key).", HelpName = "FILE" };
        var proxy = new Option<string?>("--signing-proxy")
        {
            Description = "A signing proxy / KMS (INTEROP §5); bearer token from SIGNING_PROXY_API_KEY. Never falls back to a local key.",
            HelpName = "URL",
        };
        var signerId = new Option<string?>("--signer-id") { Description = "The signer id (default: the key's id; required with --signing-proxy).", HelpName = "ID" };
        var requestId = new Option<string?>("--request-id") { Description = "An idempotency key: the same key never yields two snapshots.", HelpName = "ID" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the signed document.", Required = true, HelpName = "FILE" };
        var command = new Command("snapshot", "Build, sign and write a snapshot document of the subgraph around the roots.")
        {
            graph, database.Url, database.Schema, database.GraphId, roots, depth, audience, exportPii, piiCatalog, key, proxy, signerId, requestId, output,
        };
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var rootIds = (parse.GetValue(roots) ?? []).Select(r => GraphCommands.ParseId(r, "--root")).ToArray();
            var request = new SnapshotRequest
            {
                RootIds = rootIds,
                Depth = parse.GetValue(depth),
                Audience = parse.GetValue(audience) == "auditor" ? SnapshotAudience.Auditor : SnapshotAudience.Operator,
                CanExportPii = parse.GetValue(exportPii),
                RequestId = parse.GetValue(requestId),
                Actor = "cli:" + Environment.UserName,
            };
            var redactor = PiiCatalogOption.CreateRedactor(parse.GetValue(piiCatalog));
            var signer = CreateSigner(parse.GetValue(key), parse.GetValue(proxy), parse.GetValue(signerId));
            using var ownedSigner = signer as IDisposable;
            await using var source = await GraphSource.OpenAsync(parse.GetValue(graph), cancellationToken, database.ToStoreOptions(parse), signer);

            // PostgreSQL stores the snapshot beside the graph; a --graph file gets a throwaway in-memory snapshot store.
            using var memory = source.Store is PostgresGraphStore ? null : new InMemorySnapshotStore(signer);
            ISnapshotStore snapshots = (source.Store as PostgresGraphStore)?.Snapshots ?? (ISnapshotStore)memory!;
            var service = new SnapshotService(source.Store, snapshots, signer, redactor: redactor);
            var snapshot = await service.CreateAsync(request, cancellationToken);
            await File.WriteAllBytesAsync(parse.GetValue(output)!.FullName, snapshot.Document.ToArray(), cancellationToken);
            await WriteSummaryAsync(snapshot, cancellationToken);
        }));
        return command;
    }

    private static IDigestSigner CreateSigner(FileInfo? key, string? proxy, string? signerId)
    {
        if ((key is null) == (proxy is null))
        {
            throw new UsageException("exactly one signer is required: --key FILE or --signing-proxy URL");
        }

        if (key is not null)
        {
            try
            {
                var privateKey = Ed25519PrivateKey.ReadFile(key.FullName);
                return new LocalEd25519Signer(privateKey, signerId ?? privateKey.PublicKey.KeyId);
            }
            catch (FormatException e)
            {
                throw new UsageException($"{key.FullName}: {e.Message}");
            }
        }

        if (!Uri.TryCreate(proxy, UriKind.Absolute, out var url))
        {
            throw new UsageException($"--signing-proxy must be an absolute http(s) URL, not '{proxy}'.");
        }

        try
        {
            return new SigningProxySigner(new SigningProxyOptions
            {
                Url = url, SignerId = signerId, ApiKey = Environment.GetEnvironmentVariable("SIGNING_PROXY_API_KEY") is { Length: > 0 } token ? token : null,
            });
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task WriteSummaryAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("snapshotId", snapshot.Id);
            json.WriteString("hash", snapshot.Hash);
            json.WriteString("signerId", snapshot.SignerId);
            json.WriteString("createdAt", Model.Rfc3339Nano.Format(snapshot.CreatedAt));
            json.WriteString("status", snapshot.Status == SnapshotStatus.Signed ? "signed" : "pending");
            json.WriteString("auditEventId", snapshot.AuditEventId?.ToString());
            json.WriteEndObject();
        }, cancellationToken);
    }
}
