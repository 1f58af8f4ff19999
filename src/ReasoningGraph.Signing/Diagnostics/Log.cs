using Microsoft.Extensions.Logging;

namespace ReasoningGraph.Signing.Diagnostics;

/// <summary>Every log message of the package, with stable event ids. Never logs key material or credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Signing proxy {Url}: attempt {Attempt} failed ({Reason}); retrying in {DelayMilliseconds} ms.")]
    public static partial void ProxyRetrying(ILogger logger, Uri url, int attempt, string reason, long delayMilliseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "Signing proxy {Url} gave no valid signature for signer '{SignerId}': {Reason}. Nothing was signed; there is no local fallback.")]
    public static partial void ProxyFailed(ILogger logger, Uri url, string signerId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Signing proxy signer '{SignerId}' is not in the configured signer registry: its signatures are checked for shape only, and auditors using that registry will not be able to verify them.")]
    public static partial void ProxySignerNotRegistered(ILogger logger, string signerId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Signing with local Ed25519 key '{SignerId}' (public key {PublicKey}).")]
    public static partial void LocalSignerReady(ILogger logger, string signerId, object publicKey); // written with its ToString(): base64 SPKI

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Signing proxy {Url}: the bearer token is sent over plain HTTP.")]
    public static partial void BearerOverPlainHttp(ILogger logger, Uri url);
}
