using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ReasoningGraph.Archive.S3;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Fetches a snapshot from the service as its callers do (request headers such as a bearer token, a client
/// certificate) and unwraps the service's envelope, so the bytes verified are exactly the document as signed.
/// </summary>
internal sealed class SnapshotSource(string[] headers, FileInfo? certificate, FileInfo? key)
{
    /// <summary>
    /// The bytes at <paramref name="location"/>: a file, <c>-</c> (standard input), an http(s) URL or
    /// <c>s3://bucket/key</c> (the key's oldest version: the one written once).
    /// </summary>
    public async Task<byte[]> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await GetAsync(uri, cancellationToken);
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

    public async Task<byte[]> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler();
        if (certificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(
                certificate.FullName, key?.FullName ?? throw new UsageException("--cert needs --key (the certificate's PEM private key).")));
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (string header in headers)
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim()))
            {
                throw new UsageException($"--header '{header}' is not 'Name: value'.");
            }
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{uri} answered HTTP {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="e"/> is a snapshot or key that cannot be read or fetched (bad input, exit 2), rather than a bug.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is IOException or UnauthorizedAccessException or FormatException or HttpRequestException or UriFormatException or TaskCanceledException or UsageException
            or System.Security.Cryptography.CryptographicException;

    /// <summary>The document inside the service's answer <c>{"ok":true,"snapshot":{…}}</c>, byte for byte; anything else as it is.</summary>
    public static byte[] Unwrap(byte[] content)
    {
        try
        {
            using var parsed = JsonDocument.Parse(content);
            return parsed.RootElement.ValueKind == JsonValueKind.Object
                && parsed.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
                && parsed.RootElement.TryGetProperty("snapshot", out var snapshot) && snapshot.ValueKind == JsonValueKind.Object
                ? System.Text.Encoding.UTF8.GetBytes(snapshot.GetRawText())
                : content;
        }
        catch (JsonException)
        {
            return content; // a batch or a damaged document: the verifier says what it is
        }
    }
}
