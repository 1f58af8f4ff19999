using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Fetches a snapshot from the service as its callers do (request headers such as a bearer token, a client
/// certificate) and unwraps the service's envelope, so the bytes verified are exactly the document as signed.
/// </summary>
internal sealed class SnapshotSource(string[] headers, FileInfo? certificate, FileInfo? key)
{
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
