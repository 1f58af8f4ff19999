using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot --snapshot FILE|URI (--signers FILE | --public-key FILE) [-H 'Name: value']… [--cert FILE --key FILE] [--quiet]</c>:
/// the auditor's offline check of a snapshot document, or of
/// every snapshot of an export batch (<see cref="BatchVerification"/>), told apart by content, not name: gzip bytes are a
/// <c>.jsonl.gz</c> batch; JSON whose first line is a batch line is an uncompressed <c>.jsonl</c> batch; anything else is a document.
/// The location is a file, <c>-</c>, an http(s) URL or <c>s3://bucket/key</c> (the key's oldest version: the one written
/// once); the service's own answer (<c>{"ok":true,"snapshot":…}</c>) is unwrapped. Exit 0 verified, 1 not verified (reasons on stderr, verdict on stdout), 2 unreadable input or bad usage.
/// </summary>
internal static class VerifySnapshotCommand
{
    public static Command Create()
    {
        var snapshot = new Option<string>("--snapshot")
        {
            Description = "A snapshot document or an export batch (.jsonl.gz, or .jsonl uncompressed): a file, '-' for standard input, an http(s) URL, or s3://bucket/key (S3 settings from S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET, AWS_*).",
            Required = true,
            HelpName = "FILE|URI",
        };
        var keys = new SnapshotKeys();
        var source = new SnapshotSourceOptions();
        var allowUnsigned = new Option<bool>("--allow-unsigned-members")
        {
            Description = "Accept members outside the signed object and the proof (they are listed, never trusted).",
        };
        var logVerifierKey = new Option<string?>("--log-verifier-key")
        {
            Description = "Also require the document's log_checkpoint (the audit log's checkpoint when it was signed, outside the signed bytes) to be signed by this note verifier key (name+hexid+base64key). Without it the member is not checked.",
            HelpName = "KEY",
        };
        var quiet = CliProgress.QuietOption();
        var command = new Command("verify-snapshot", "Verify a snapshot document's hashes and signature against a signer registry.")
        {
            snapshot, keys.Signers, keys.PublicKey, source.Headers, source.Certificate, source.Key, allowUnsigned, logVerifierKey, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            byte[] document;
            Signing.IDigestVerifier registry;
            Signing.Notes.NoteKey? logKey;
            try
            {
                logKey = parse.GetValue(logVerifierKey) is { } text ? Signing.Notes.NoteKey.ParseVerifierKey(text) : null;
                registry = keys.Load(parse) ?? throw new UsageException("Give the keys to verify with: --signers FILE or --public-key FILE (one of them).");
                document = SnapshotSource.Unwrap(await source.Create(parse).ReadAsync(parse.GetValue(snapshot)!, cancellationToken));
            }
            catch (Exception e) when (SnapshotSource.IsUnreadable(e) || e is ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (ReasoningGraphException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.ErrorCode}: {e.Message}");
                return ExitCodes.BadInput;
            }

            var options = new SnapshotVerificationOptions { AllowUnsignedMembers = parse.GetValue(allowUnsigned) };
            var verifier = new SnapshotVerifier(registry, options);
            bool gzipped = Archive.Export.SnapshotBatchFormat.IsGzip(document);
            if (gzipped || Archive.Export.SnapshotBatchFormat.StartsWithBatchLine(document))
            {
                return await BatchVerification.RunAsync(document, gzipped, verifier, parse.GetValue(quiet), cancellationToken);
            }

            var result = verifier.Verify(document);
            var logCheckpoint = logKey is null ? null : SnapshotLogCheckpoint.Check(document, logKey);
            await WriteVerdictAsync(result, logCheckpoint, cancellationToken);
            if (result.IsVerified && logCheckpoint is null or { Verified: true })
            {
                return ExitCodes.Success;
            }

            if (result.IsVerified)
            {
                await Console.Error.WriteLineAsync($"verification failed: {logCheckpoint!.Reason} ({SnapshotDocumentFields.LogCheckpoint}): {logCheckpoint.Message}");
                return ExitCodes.Negative;
            }

            await Console.Error.WriteLineAsync($"verification failed: {result.Reason}{(result.Field is null ? "" : $" ({result.Field})")}: {result.Message}");
            return ExitCodes.Negative;
        });
        return command;
    }

    private static async Task WriteVerdictAsync(SnapshotVerificationResult result, SnapshotLogCheckpoint? logCheckpoint, CancellationToken cancellationToken)
    {
        await GraphCommands.WriteUnescapedJsonAsync(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("verified", result.IsVerified);
            json.WriteString("reason", result.Reason);
            WriteOptional(json, "field", result.Field);
            json.WriteString("message", result.Message);
            WriteOptional(json, "snapshotId", result.SnapshotId);
            WriteOptional(json, "signerId", result.SignerId);
            WriteOptional(json, "hash", result.ComputedHash);
            if (result.UnsignedMembers.Count > 0)
            {
                json.WriteStartArray("unsignedMembers");
                foreach (string member in result.UnsignedMembers)
                {
                    json.WriteStringValue(member);
                }

                json.WriteEndArray();
            }

            logCheckpoint?.Write(json);
            json.WriteEndObject();
        }, cancellationToken);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
