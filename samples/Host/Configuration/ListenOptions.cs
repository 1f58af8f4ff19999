namespace ReasoningGraph.Host.Configuration;

/// <summary>Where Kestrel listens and how much of a request body it reads.</summary>
internal sealed record ListenOptions
{
    public const int DefaultPort = 8047;

    /// <summary>Default body limit: large enough for a batch of a few hundred nodes at the library's payload limit.</summary>
    public const long DefaultMaxRequestBodyBytes = 8 * 1024 * 1024;

    /// <summary>True when <c>ASPNETCORE_URLS</c>/<c>--urls</c> chooses the addresses (<see cref="Port"/> is then ignored).</summary>
    public bool UrlsConfigured { get; init; }

    /// <summary><c>PORT</c> on 127.0.0.1, 1–65535. Default: <see cref="DefaultPort"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary><c>MAX_REQUEST_BODY_BYTES</c>, at least 1. Default: <see cref="DefaultMaxRequestBodyBytes"/>.</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    public static ListenOptions Read(SettingsReader settings) => new()
    {
        UrlsConfigured = settings.Text("urls") is not null,
        Port = (int)settings.Integer("PORT", DefaultPort, 1, 65535),
        MaxRequestBodyBytes = settings.Integer("MAX_REQUEST_BODY_BYTES", DefaultMaxRequestBodyBytes, 1),
    };
}
