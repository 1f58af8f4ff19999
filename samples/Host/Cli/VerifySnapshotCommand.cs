using System.CommandLine;
using System.Text.Json;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot --snapshot FILE|URI --signers FILE</c>: the auditor's offline check of a snapshot document, or of
/// every snapshot of an export batch (<see cref="BatchVerification"/>), told apart by content, not name: gzip bytes are a
/// <c>.jsonl.gz</c> batch; JSON whose first line is a batch line is an uncompressed <c>.jsonl</c> batch; anything else is a document.
/// The location is a file, <c>-</c>, an http(s) URL or <c>s3://bucket/key</c> (the key's oldest version: the one written
/// once). Exit 0 verified, 1 not verified (reasons on stderr, verdict on stdout), 2 unreadable input or bad usage.
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
        var signers = new Option<FileInfo>("--signers")
        {
            Description = "The signer registry (any of the three registry shapes).",
            Required = true,
            HelpName = "FILE",
        };
        var allowUnsigned = new Option<bool>("--allow-unsigned-members")
        {
            Description = "Accept members outside the signed object and the proof (they are listed, never trusted).",
        };
        var command = new Command("verify-snapshot", "Verify a snapshot document's hashes and signature against a signer registry.")
        {
            snapshot, signers, allowUnsigned,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            byte[] document;
            SignerRegistry registry;
            try
            {
                registry = SignerRegistry.Load(parse.GetValue(signers)!.FullName);
                document = await ReadDocumentAsync(parse.GetValue(snapshot)!, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or HttpRequestException or UriFormatException or TaskCanceledException or UsageException)
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
            await WriteVerdictAsync(result, cancellationToken);
            if (result.IsVerified)
            {
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"verification failed: {result.Reason}{(result.Field is null ? "" : $" ({result.Field})")}: {result.Message}");
            return ExitCodes.Negative;
        });
        return command;
    }

    private static async Task<byte[]> ReadDocumentAsync(string location, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(uri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{uri} answered HTTP {(int)response.StatusCode}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
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

    private static async Task WriteVerdictAsync(SnapshotVerificationResult result, CancellationToken cancellationToken)
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
