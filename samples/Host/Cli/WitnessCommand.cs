using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Audit;
using ReasoningGraph.Host.VerifiableLog;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Notes;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>witness --log URL --state DIR --witness-key FILE --name NAME [--verifier-key KEY]</c>: a C2SP witness of the
/// service's audit log. It fetches the latest checkpoint (<c>/reason/log/checkpoint</c>) and the log's verifier key
/// (<c>/reason/log/verifier-key</c>, unless given), checks the log's signature, proves the checkpoint consistent with the
/// last one it cosigned (kept in DIR, with a consistency proof from <c>/reason/log/consistency</c>), and only then
/// cosigns it (C2SP tlog-cosignature v1, Ed25519) and keeps it: DIR/checkpoint (the log's note, the next run's
/// starting point) and DIR/cosigned (the note with the cosignature line). A checkpoint that does not extend the last
/// one — a smaller tree, another root at the same size, a proof that fails, another origin — is refused: exit 1 naming
/// the divergence, nothing cosigned, DIR unchanged. Exit 2: bad usage, unreadable state, or the log unreachable.
/// </summary>
internal static class WitnessCommand
{
    private const string StateCheckpoint = "checkpoint", StateCosigned = "cosigned", StateLock = "lock";

    public static Command Create()
    {
        var log = new Option<string>("--log") { Description = "The service's base URL (http or https).", Required = true, HelpName = "URL" };
        var state = new Option<DirectoryInfo>("--state") { Description = "The witness's directory: the last checkpoint it cosigned, and that checkpoint with its cosignature.", Required = true, HelpName = "DIR" };
        var witnessKey = new Option<FileInfo>("--witness-key") { Description = "The witness's Ed25519 key (PKCS#8 PEM, base64 seed or Go's 64-byte form), not the log's.", Required = true, HelpName = "FILE" };
        var name = new Option<string>("--name") { Description = "The witness's name in its cosignature lines (e.g. witness.example.com/w1).", Required = true, HelpName = "NAME" };
        var verifierKey = new Option<string?>("--verifier-key") { Description = "The log's note verifier key (name+hexid+base64key); default: the service's /reason/log/verifier-key (trust on first use).", HelpName = "KEY" };
        var certificate = new Option<FileInfo?>("--cert") { Description = "A PEM client certificate to present (with --key).", HelpName = "FILE" };
        var clientKey = new Option<FileInfo?>("--key") { Description = "The client certificate's PEM private key.", HelpName = "FILE" };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM CA certificate(s): trust exactly these for the server's certificate.", HelpName = "FILE" };
        var token = new Option<string?>("--token") { Description = "A bearer token with read:trace, sent as 'Authorization: Bearer TOKEN'.", HelpName = "TOKEN" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A request header, 'Name: value' (repeatable).", HelpName = "HEADER", AllowMultipleArgumentsPerToken = false };
        var command = new Command("witness", "Verify the log's latest checkpoint extends the last one witnessed, and cosign it (C2SP tlog-cosignature).")
        {
            log, state, witnessKey, name, verifierKey, certificate, clientKey, ca, token, headers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SmokeHttp http;
            Ed25519PrivateKey key;
            try
            {
                if (!Uri.TryCreate(parse.GetValue(log), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw new UsageException($"--log '{parse.GetValue(log)}' is not an http(s) URL.");
                }

                key = Ed25519PrivateKey.ReadFile(parse.GetValue(witnessKey)!.FullName);
                _ = new NoteKey(parse.GetValue(name)!, key.PublicKey); // the name rules of a note key
                http = new SmokeHttp(new SmokeHttp.Settings(url, parse.GetValue(certificate), parse.GetValue(clientKey), parse.GetValue(ca),
                    parse.GetValue(token), parse.GetValue(headers) ?? [], TimeSpan.FromSeconds(30), null));
            }
            catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or FormatException or ArgumentException
                or System.Security.Cryptography.CryptographicException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            using (key)
            using (http)
            {
                try
                {
                    return await RunAsync(http, parse.GetValue(state)!, key, parse.GetValue(name)!, parse.GetValue(verifierKey), cancellationToken);
                }
                catch (Exception e) when (e is UsageException or SmokeFailure or IOException or UnauthorizedAccessException or FormatException)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }
        });
        return command;
    }

    /// <summary>Writes <paramref name="path"/> through a flushed temporary file renamed over it.</summary>
    private static async Task WriteDurablyAsync(string path, string text, CancellationToken cancellationToken)
    {
        string temporary = path + ".tmp";
        var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (file)
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<int> RunAsync(SmokeHttp http, DirectoryInfo state, Ed25519PrivateKey key, string name, string? verifierKey, CancellationToken cancellationToken)
    {
        // One run at a time per state directory: two overlapping runs would both start from the same checkpoint and could
        // cosign two different extensions of it, the split view a witness exists to prevent.
        state.Create();
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(state.FullName, StateLock), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new UsageException($"another witness run holds {Path.Combine(state.FullName, StateLock)}; run one at a time per --state.");
        }

        await using var disposeLock = held;
        var logKey = NoteKey.ParseVerifierKey(verifierKey ?? await FetchVerifierKeyAsync(http, cancellationToken));
        string note = Encoding.UTF8.GetString((await GetAsync(http, "/reason/log/checkpoint", cancellationToken)).Content);
        if (SignedNote.Open(note, logKey) is not { } text)
        {
            return await RefuseAsync("checkpoint-signature", $"the log's checkpoint is not signed by {logKey.Name} ({logKey.KeyId:x8})");
        }

        var latest = LogCheckpoint.Parse(text);
        string previousPath = Path.Combine(state.FullName, StateCheckpoint);
        long? previousSize = null;
        if (File.Exists(previousPath))
        {
            string previousNote = await File.ReadAllTextAsync(previousPath, cancellationToken);
            var previous = SignedNote.Open(previousNote, logKey) is { } previousText
                ? LogCheckpoint.Parse(previousText)
                : throw new UsageException($"{previousPath} is not a checkpoint signed by {logKey.Name}: the state belongs to another log or key.");
            previousSize = previous.TreeSize;
            if (await DivergenceAsync(http, previous, latest, cancellationToken) is { } divergence)
            {
                return await RefuseAsync(divergence.Reason, divergence.Message);
            }
        }

        long timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        string cosigned = Cosignature.Cosign(note, text, name, key, timestamp);
        // What the witness has seen first, then what it hands out, each whole or not at all: after a crash between the
        // two the next run starts from the new checkpoint, never from one older than a cosignature already given.
        await WriteDurablyAsync(previousPath, note, cancellationToken);
        await WriteDurablyAsync(Path.Combine(state.FullName, StateCosigned), cosigned, cancellationToken);
        await Console.Error.WriteLineAsync($"witness verifier key: {Cosignature.VerifierKey(name, key.PublicKey)}");
        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("cosigned", true);
            json.WriteString("origin", latest.Origin);
            json.WriteNumber("treeSize", latest.TreeSize);
            if (previousSize is { } size)
            {
                json.WriteNumber("previousTreeSize", size);
            }
            else
            {
                json.WriteNull("previousTreeSize");
            }

            json.WriteNumber("timestamp", timestamp);
            json.WriteEndObject();
        }, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Why <paramref name="latest"/> does not extend <paramref name="previous"/>; null when it does.</summary>
    private static async Task<(string Reason, string Message)?> DivergenceAsync(SmokeHttp http, LogCheckpoint previous, LogCheckpoint latest, CancellationToken cancellationToken)
    {
        if (latest.Origin != previous.Origin)
        {
            return ("origin-mismatch", $"the checkpoint names the log '{latest.Origin}', the witnessed one '{previous.Origin}'");
        }

        if (latest.TreeSize < previous.TreeSize)
        {
            return ("checkpoint-rollback", $"the checkpoint covers {latest.TreeSize} events, fewer than the {previous.TreeSize} already witnessed (a truncated log)");
        }

        if (latest.TreeSize == previous.TreeSize)
        {
            return latest.RootHash.Span.SequenceEqual(previous.RootHash.Span) ? null
                : ("consistency-mismatch", $"the checkpoint of {latest.TreeSize} events has another root than the one witnessed at that size (a forked log)");
        }

        if (previous.TreeSize == 0)
        {
            return null;
        }

        var answer = await GetAsync(http, string.Create(CultureInfo.InvariantCulture, $"/reason/log/consistency?from={previous.TreeSize}&to={latest.TreeSize}"), cancellationToken);
        var proof = answer.Body.ValueKind == JsonValueKind.Object ? ProofHashes.Parse(answer.Body) : throw new FormatException("The consistency proof is not JSON.");
        return MerkleLog.VerifyConsistency(previous.TreeSize, latest.TreeSize, previous.RootHash.Span, latest.RootHash.Span, proof) ? null
            : ("consistency-mismatch", $"the log's proof does not show the tree of {latest.TreeSize} events extending the witnessed tree of {previous.TreeSize} (a forked or rewritten log)");
    }

    private static async Task<string> FetchVerifierKeyAsync(SmokeHttp http, CancellationToken cancellationToken)
    {
        var answer = await GetAsync(http, "/reason/log/verifier-key", cancellationToken);
        return answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("verifierKey", out var key) && key.GetString() is { } text
            ? text
            : throw new FormatException("/reason/log/verifier-key gave no verifierKey.");
    }

    private static async Task<SmokeAnswer> GetAsync(SmokeHttp http, string path, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        return answer.Status == 200 ? answer : throw new SmokeFailure($"GET {path}: {answer.Status} {answer.Error()}");
    }

    private static async Task<int> RefuseAsync(string reason, string message)
    {
        await Console.Error.WriteLineAsync($"witness refused: {reason}: {message}");
        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("cosigned", false);
            json.WriteString("reason", reason);
            json.WriteString("message", message);
            json.WriteEndObject();
        }, CancellationToken.None);
        return ExitCodes.Negative;
    }
}
