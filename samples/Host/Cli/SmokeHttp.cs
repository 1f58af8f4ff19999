using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// The smoke command's HTTP client: it calls the service as the Kernel does (client certificate, bearer token, extra
/// headers), trusts exactly <c>--ca</c> when given, and turns every transport failure into a sentence that says what
/// to check. A request that failed in transport is sent once more: the canary's writes carry their own ids and the
/// snapshot an Idempotency-Key, so a second attempt replays instead of duplicating.
/// </summary>
internal sealed class SmokeHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly Settings _settings;
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public SmokeHttp(Settings settings)
    {
        _settings = settings;
        bool https = settings.BaseUrl.Scheme == Uri.UriSchemeHttps;
        if (!https && (settings.Certificate ?? settings.Key ?? settings.Ca) is { } file)
        {
            throw new UsageException($"--cert, --key and --ca need an https --url ({file.Name} would not be used with {settings.BaseUrl}).");
        }

        foreach (string header in settings.Headers)
        {
            _headers.Add(ParseHeader(header));
        }

        if (settings.Token is { } token)
        {
            _headers.Add(new("Authorization", "Bearer " + token));
        }

        var handler = new SocketsHttpHandler { ConnectTimeout = settings.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (settings.Certificate is not null || settings.Key is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate(settings.Certificate, settings.Key)];
        }

        if (settings.Ca is { } ca)
        {
            // Exactly this CA: the system store is not consulted, as the Kernel pins the service's issuer.
            var trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(ca.FullName);
            if (trust.Count == 0)
            {
                throw new UsageException($"--ca '{ca.FullName}' holds no PEM certificate.");
            }

            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(trust);
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        if (settings.ConnectTo is { } target)
        {
            // The URL's host stays the TLS server name and the Host header; only the TCP connection goes elsewhere.
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target.Host, target.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler) { Timeout = settings.Timeout };
    }

    /// <summary>What the command line gave; files are read by the constructor, so a bad one is bad usage (exit 2).</summary>
    public sealed record Settings(
        Uri BaseUrl, FileInfo? Certificate, FileInfo? Key, FileInfo? Ca, string? Token, string[] Headers, TimeSpan Timeout, (string Host, int Port)? ConnectTo);

    /// <summary>Sends one request; throws <see cref="SmokeFailure"/> when no HTTP answer came back.</summary>
    public async Task<SmokeAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(_settings.BaseUrl.ToString().TrimEnd('/') + "/"), path.TrimStart('/'));
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            foreach (var (name, value) in _headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            }

            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return new SmokeAnswer((int)response.StatusCode, content, Parse(content));
            }
            catch (Exception e) when (attempt == 1 && IsTransport(e, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (Exception e) when (IsTransport(e, cancellationToken))
            {
                throw new SmokeFailure($"{method} {uri.AbsolutePath}: {Describe(e, uri)}");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private string Describe(Exception e, Uri uri)
    {
        string where = _settings.ConnectTo is { } c ? $"{c.Host}:{c.Port} (--connect-to)" : $"{uri.Host}:{uri.Port}";
        return e switch
        {
            TaskCanceledException => $"no answer within {_settings.Timeout.TotalSeconds} s: check the service's load and logs, or raise --timeout",
            _ when Inner<AuthenticationException>(e) is { } tls =>
                $"TLS with {uri.Host} failed ({tls.Message}): check --ca (the CA that issued the server's certificate; without it the system store is used), " +
                "that the URL's host name is in that certificate, and --cert/--key (a client certificate the Kernel CA issued)",
            _ when Inner<SocketException>(e) is { } socket =>
                $"cannot connect to {where} ({socket.Message}): check --url{(_settings.ConnectTo is null ? "" : " and --connect-to")}, that the service runs and that this host may reach it (NetworkPolicy, port-forward)",
            _ => $"{e.Message}: check --url and the service's logs",
        };
    }

    private static T? Inner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static JsonElement Parse(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // not JSON (a proxy's error page): the step reports the status
        }
    }

    private static KeyValuePair<string, string> ParseHeader(string header)
    {
        int colon = header.IndexOf(':', StringComparison.Ordinal);
        using var probe = new HttpRequestMessage();
        return colon > 0 && probe.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim())
            ? new(header[..colon].Trim(), header[(colon + 1)..].Trim())
            : throw new UsageException($"--header '{header}' is not 'Name: value' (a request header).");
    }

    private static X509Certificate2 ClientCertificate(FileInfo? certificate, FileInfo? key)
    {
        if (certificate is null || key is null)
        {
            throw new UsageException("--cert and --key go together: the PEM client certificate and its PEM private key.");
        }

        using var pem = X509Certificate2.CreateFromPemFile(certificate.FullName, key.FullName);

        // Through PKCS#12 so that SslStream can use the private key on every platform (a PEM key is ephemeral).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>One HTTP answer: its status, its bytes as sent (a snapshot is verified on exactly these) and its JSON.</summary>
internal sealed record SmokeAnswer(int Status, byte[] Content, JsonElement Body)
{
    /// <summary>The error envelope's <c>code: message</c>, or the start of a body that is not an envelope.</summary>
    public string Error() =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? $"{Text(error, "code")}: {Text(error, "message")}" + (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object ? " " + details.GetRawText() : "")
            : Encoding.UTF8.GetString(Content.AsSpan(0, Math.Min(Content.Length, 200)));

    public static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "?";
}

/// <summary>No HTTP answer (connection, TLS, timeout); the message says what to check.</summary>
internal sealed class SmokeFailure(string message) : Exception(message);
