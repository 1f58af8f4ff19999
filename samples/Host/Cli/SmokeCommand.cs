using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>smoke --url URL [--cert FILE --key FILE] [--ca FILE] [--token T] [--header 'Name: value']… [--signers FILE |
/// --public-key FILE] [--timeout S] [--connect-to HOST:PORT]</c>: the rollout runbook's canary step against a running
/// service, called as the Kernel calls it (<see cref="SmokeRun"/> lists the steps). One JSON report on stdout; exit 0
/// when every step passed, 1 when one failed, 2 when the options cannot be used (nothing is sent then).
/// </summary>
internal static class SmokeCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The service's base URL, e.g. https://reasoning-graph.reasoning-graph.svc (the Kernel's URL).",
            Required = true,
            HelpName = "URL",
        };
        var certificate = new Option<FileInfo?>("--cert") { Description = "A PEM client certificate to present (with --key): one the Kernel CA issued, for a CN in KERNEL_TRUSTED_CN.", HelpName = "FILE" };
        var key = new Option<FileInfo?>("--key") { Description = "The client certificate's PEM private key.", HelpName = "FILE" };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM CA certificate(s): trust exactly these for the server's certificate (default: the system trust store).", HelpName = "FILE" };
        var token = new Option<string?>("--token") { Description = "A Kernel JWT, sent as 'Authorization: Bearer TOKEN'.", HelpName = "TOKEN" };
        var headers = new Option<string[]>("--header", "-H")
        {
            Description = "A request header, 'Name: value' (repeatable), e.g. 'X-Local-Dev-Principal: kernel' in development.",
            HelpName = "HEADER",
            AllowMultipleArgumentsPerToken = false,
        };
        var signers = new Option<FileInfo?>("--signers") { Description = "The signer registry to verify the canary snapshot with (the one published to auditors).", HelpName = "FILE" };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "Instead of --signers: the one public key to verify with (Ed25519 or RSA).", HelpName = "FILE" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds each request may take (a request that failed in transport is sent once more).",
            DefaultValueFactory = _ => 10,
            HelpName = "SECONDS",
        };
        var connectTo = new Option<string?>("--connect-to")
        {
            Description = "Connect to HOST:PORT instead of the URL's host and port (e.g. a kubectl port-forward); the URL's host still names the server for TLS.",
            HelpName = "HOST:PORT",
        };
        var command = new Command("smoke", "Canary check of a running service: health, a marked canary chain written, traced, explained, snapshotted, its signature verified offline, its audit references checked.")
        {
            url, certificate, key, ca, token, headers, signers, publicKey, timeout, connectTo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SmokeHttp http;
            (IDigestVerifier Verifier, string Source)? verification;
            try
            {
                verification = LoadVerifier(parse.GetValue(signers), parse.GetValue(publicKey));
                http = new SmokeHttp(new SmokeHttp.Settings(
                    ParseUrl(parse.GetValue(url)!), parse.GetValue(certificate), parse.GetValue(key), parse.GetValue(ca),
                    parse.GetValue(token), parse.GetValue(headers) ?? [], Timeout(parse.GetValue(timeout)), ParseConnectTo(parse.GetValue(connectTo))));
            }
            catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException or CryptographicException or FormatException)
            {
                // Nothing was sent: a file that cannot be read is the caller's to fix, named by the exception.
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (ReasoningGraphException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.ErrorCode}: {e.Message}");
                return ExitCodes.BadInput;
            }

            using (http)
            {
                var report = await new SmokeRun(http, verification?.Verifier, verification?.Source).RunAsync(cancellationToken);
                await report.WriteAsync(parse.GetValue(url)!, cancellationToken);
                // The failures themselves on stderr; the steps skipped after them only add up the count.
                foreach (var step in report.Steps.Where(s => !s.Ok && !s.Detail.StartsWith("skipped:", StringComparison.Ordinal)))
                {
                    await Console.Error.WriteLineAsync($"smoke: {step.Name}: {step.Detail}");
                }

                int failed = report.Steps.Count(s => !s.Ok);
                await Console.Error.WriteLineAsync(failed == 0
                    ? $"smoke: all {report.Steps.Count} steps passed"
                    : $"smoke: {failed} of {report.Steps.Count} steps not ok ({report.Steps.Count(s => s.Detail.StartsWith("skipped:", StringComparison.Ordinal))} skipped)");

                return report.Ok ? ExitCodes.Success : ExitCodes.Negative;
            }
        });
        return command;
    }

    /// <summary>
    /// Null without either option: the verify step then fails by itself (a canary whose signature was not checked must
    /// not pass), which is a verdict, not bad usage.
    /// </summary>
    private static (IDigestVerifier, string)? LoadVerifier(FileInfo? signers, FileInfo? publicKey) => (signers, publicKey) switch
    {
        ({ } file, null) => (SignerRegistry.Load(file.FullName), $"the registry {file.FullName}"),
        (null, { } key) => (SingleKeyVerifier.Load(key.FullName), $"the public key {key.FullName}"),
        (null, null) => null,
        _ => throw new UsageException("Give --signers FILE or --public-key FILE, not both."),
    };

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? uri
            : throw new UsageException($"--url '{text}' is not an http(s) base URL (e.g. https://reasoning-graph.example:443).");

    private static TimeSpan Timeout(double seconds) => seconds is > 0 and <= 300 && double.IsFinite(seconds)
        ? TimeSpan.FromSeconds(seconds)
        : throw new UsageException($"--timeout must be a number of seconds in (0, 300], not {seconds.ToString(CultureInfo.InvariantCulture)}.");

    private static (string Host, int Port)? ParseConnectTo(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? (text[..colon].Trim('[', ']'), port)
            : throw new UsageException($"--connect-to '{text}' is not HOST:PORT.");
    }
}
