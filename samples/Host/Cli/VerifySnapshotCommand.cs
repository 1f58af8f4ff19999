using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot --snapshot FILE|URI (--signers FILE | --public-key FILE) [-H 'Name: value']… [--cert FILE --key FILE]</c>:
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
        var signers = new Option<FileInfo?>("--signers")
        {
            Description = "The signer registry (any of the three registry shapes, or a bundle of PEM public keys).",
            HelpName = "FILE",
        };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "Instead of --signers: the one public key to verify with, whatever signer id the document names (Ed25519 as PEM, base64 SPKI or raw; or RSA).",
            HelpName = "FILE",
        };
        var headers = new Option<string[]>("--header", "-H")
        {
            Description = "For an http(s) --snapshot: a request header, 'Name: value' (repeatable), e.g. 'Authorization: Bearer …'.",
            HelpName = "HEADER",
            AllowMultipleArgumentsPerToken = false,
        };
        var clientCertificate = new Option<FileInfo?>("--cert") { Description = "For an https --snapshot: a PEM client certificate (with --key).", HelpName = "FILE" };
        var clientKey = new Option<FileInfo?>("--key") { Description = "The client certificate's PEM private key.", HelpName = "FILE" };
        var allowUnsigned = new Option<bool>("--allow-unsigned-members")
        {
            Description = "Accept members outside the signed object and the proof (they are listed, never trusted).",
        };
        var logVerifierKey = new Option<string?>("--log-verifier-key")
        {
            Description = "Also require the document's log_checkpoint (the audit log's checkpoint when it was signed, outside the signed bytes) to be signed by this note verifier key (name+hexid+base64key). Without it the member is not checked.",
            HelpName = "KEY",
        };
        var command = new Command("verify-snapshot", "Verify a snapshot document's hashes and signature against a signer registry.")
        {
            snapshot, signers, publicKey, headers, clientCertificate, clientKey, allowUnsigned, logVerifierKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            byte[] document;
            Signing.IDigestVerifier registry;
            Signing.Notes.NoteKey? logKey;
            try
            {
                logKey = parse.GetValue(logVerifierKey) is { } text ? Signing.Notes.NoteKey.ParseVerifierKey(text) : null;
                registry = (parse.GetValue(signers), parse.GetValue(publicKey)) switch
                {
                    ({ } file, null) => SignerRegistry.Load(file.FullName),
                    (null, { } key) => SingleKeyVerifier.Load(key.FullName),
                    _ => throw new UsageException("Give the keys to verify with: --signers FILE or --public-key FILE (one of them)."),
                };
                var client = new SnapshotSource(parse.GetValue(headers) ?? [], parse.GetValue(clientCertificate), parse.GetValue(clientKey));
                document = SnapshotSource.Unwrap(await ReadDocumentAsync(parse.GetValue(snapshot)!, client, cancellationToken));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or HttpRequestException or UriFormatException or TaskCanceledException or UsageException
                or System.Security.Cryptography.CryptographicException)
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
                return await BatchVerification.RunAsync(document, gzipped, verifier, cancellationToken);
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

    private static async Task<byte[]> ReadDocumentAsync(string location, SnapshotSource source, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await source.GetAsync(uri, cancellationToken);
        }

        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var target = ArchiveLocation.Parse(location, "--snapshot");
            if (target.Path.Length == 0)
            {
                throw new UsageException($"--snapshot '{location}' names a bucket but no object: use s3://bucket/key.");
            }

            var options = target.S3Options();
            using var client = ArchiveLocation.CreateClient(options);
            using var archive = new S3SnapshotArchive(client, options);
            return await archive.GetObjectAsync(target.Path, cancellationToken)
                ?? throw new FileNotFoundException($"{location}: no such object.");
        }

        return await CommonOptions.ReadInputAsync(uri is { IsFile: true } ? uri.LocalPath : location, cancellationToken);
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
