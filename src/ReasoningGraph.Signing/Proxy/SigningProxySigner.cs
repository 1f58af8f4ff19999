using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using ReasoningGraph.Signing.Diagnostics;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Signing.Proxy;

/// <summary>
/// Signs digests through a signing proxy or KMS front (INTEROP.md §5): <c>POST {url}/sign</c>. Retries
/// timeouts, transport errors and 5xx/408/429 answers with jittered exponential back-off, checks every answer
/// (base64, 64 bytes, the expected signer id and, when a verifier is given, the signature itself) and never
/// falls back to a local key: when the proxy gives no valid signature, signing fails with
/// <see cref="ErrorCodes.SigningFailure"/>.
/// </summary>
public sealed partial class SigningProxySigner : IDigestSigner, ISigningOutcomeSource, IDisposable
{
    private const int MaxAnswerBytes = 64 * 1024;

    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _signUrl;
    private readonly Uri _verifyUrl;
    private readonly string? _apiKey;
    private readonly string? _keyId;
    private readonly int _attempts;
    private readonly TimeSpan _attemptTimeout;
    private readonly IDigestVerifier? _responseVerifier;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<ProxyReply> _pipeline;

    /// <summary>Creates a client with its own connection pool, client certificate and trust roots from <paramref name="options"/>.</summary>
    /// <param name="options">The proxy settings.</param>
    /// <param name="responseVerifier">When given, every signature the proxy returns must verify with it (for example the signer registry auditors use).</param>
    /// <param name="logger">Receives retries and failures; may be null.</param>
    /// <param name="timeProvider">The clock of timeouts and back-off; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SigningProxySigner(SigningProxyOptions options, IDigestVerifier? responseVerifier = null, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(CreateClient(options), ownsHttp: true, options, responseVerifier, logger, timeProvider)
    {
    }

    /// <summary>
    /// Creates a client over an existing <see cref="HttpClient"/>, which is not disposed with the signer. Its handler
    /// is responsible for TLS: the certificate settings of <paramref name="options"/> are not applied.
    /// </summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">The proxy settings.</param>
    /// <param name="responseVerifier">When given, every signature the proxy returns must verify with it.</param>
    /// <param name="logger">Receives retries and failures; may be null.</param>
    /// <param name="timeProvider">The clock of timeouts and back-off; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SigningProxySigner(HttpClient httpClient, SigningProxyOptions options, IDigestVerifier? responseVerifier = null, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(httpClient, ownsHttp: false, options, responseVerifier, logger, timeProvider)
    {
    }

    private SigningProxySigner(HttpClient httpClient, bool ownsHttp, SigningProxyOptions options, IDigestVerifier? responseVerifier, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ThrowIfInvalid(options);
        _http = httpClient;
        _ownsHttp = ownsHttp;
        string baseUrl = options.Url!.AbsoluteUri.TrimEnd('/');
        Url = options.Url;
        _signUrl = new Uri(baseUrl + "/sign");
        _verifyUrl = new Uri(baseUrl + "/verify");
        _apiKey = options.ApiKey;
        _keyId = string.IsNullOrWhiteSpace(options.KeyId) ? null : options.KeyId;
        SignerId = options.EffectiveSignerId!;
        _attempts = options.MaxRetryAttempts + 1;
        _attemptTimeout = options.AttemptTimeout;
        _responseVerifier = responseVerifier;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _pipeline = BuildPipeline(options, _time);
        if (_apiKey is not null && options.Url.Scheme == Uri.UriSchemeHttp && !options.Url.IsLoopback)
        {
            Log.BearerOverPlainHttp(_logger, Url);
        }
    }

    /// <inheritdoc/>
    public string SignerId { get; }

    /// <summary>The proxy's base URL.</summary>
    public Uri Url { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    /// <exception cref="Signing.SigningException">
    /// The proxy gave no valid signature. <see cref="ReasoningGraphException.IsTransient"/> is true when it timed out,
    /// could not be reached or answered 5xx/408/429 on every attempt.
    /// </exception>
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        DigestGuard.ThrowIfNotDigest(digest.Span);
        try
        {
            byte[] signature = await SignCoreAsync(digest, cancellationToken).ConfigureAwait(false);
            LastOutcome = new SigningOutcome(_time.GetUtcNow(), null);
            return signature;
        }
        catch (SigningException e)
        {
            LastOutcome = new SigningOutcome(_time.GetUtcNow(), e.Message);
            throw;
        }
    }

    /// <inheritdoc/>
    public SigningOutcome? LastOutcome { get; private set; }

    private async ValueTask<byte[]> SignCoreAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        using var activity = SigningDiagnostics.StartSign("proxy", SignerId);
        var reply = await SendAsync(_signUrl, ProxyMessages.SignRequest(digest.Span, _keyId), cancellationToken).ConfigureAwait(false);
        if (!ProxyMessages.TryReadSignResponse(reply.Body, out byte[]? signature, out string? signerId, out string? problem))
        {
            throw Fail(problem, transient: false);
        }

        if (!string.Equals(signerId, SignerId, StringComparison.Ordinal))
        {
            throw Fail($"the proxy signed as '{signerId}', but this signer is configured as '{SignerId}'", transient: false);
        }

        if (_responseVerifier is not null && !_responseVerifier.Verify(SignerId, digest.Span, signature))
        {
            throw Fail("the returned signature does not verify with the signer's registered public key", transient: false);
        }

        return signature;
    }

    /// <summary>Asks the proxy to verify a signature (the optional <c>POST {url}/verify</c>).</summary>
    /// <param name="digest">The 32-byte digest.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="signerId">The signer id; <see cref="SignerId"/> when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The proxy's verdict.</returns>
    /// <exception cref="Signing.SigningException">The proxy gave no verdict.</exception>
    public async Task<bool> VerifyRemoteAsync(ReadOnlyMemory<byte> digest, ReadOnlyMemory<byte> signature, string? signerId = null, CancellationToken cancellationToken = default)
    {
        DigestGuard.ThrowIfNotDigest(digest.Span);
        var reply = await SendAsync(_verifyUrl, ProxyMessages.VerifyRequest(digest.Span, signature.Span, signerId ?? SignerId), cancellationToken).ConfigureAwait(false);
        return ProxyMessages.TryReadVerifyResponse(reply.Body, out bool verified, out string? problem)
            ? verified
            : throw Fail(problem, transient: false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private SigningException Fail(string reason, bool transient, Exception? inner = null)
    {
        Log.ProxyFailed(_logger, Url, SignerId, reason);
        return new SigningException($"Signing proxy {Url} gave no valid signature for signer '{SignerId}': {reason}.", transient, inner);
    }

    private static string Describe(int statusCode) => "HTTP " + statusCode.ToString(CultureInfo.InvariantCulture);

    private static void ThrowIfInvalid(SigningProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = SigningProxyOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid signing proxy options: " + string.Join(" ", problems), nameof(options));
        }
    }

    private static HttpClient CreateClient(SigningProxyOptions options)
    {
        ThrowIfInvalid(options);
        // Timeouts are the pipeline's (per attempt), not HttpClient's.
        return new HttpClient(ProxyTransport.CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
