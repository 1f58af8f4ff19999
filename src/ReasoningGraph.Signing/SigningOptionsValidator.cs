using Microsoft.Extensions.Options;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Signing;

/// <summary>Checks <see cref="SigningOptions"/> (including that key and registry files can be read) and reports every problem.</summary>
internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    public const string RequireKmsSetting = "SigningOptions.RequireKms (REQUIRE_KMS=true)";

    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static string? RequireKmsProblem(SigningOptions options) => (options.RequireKms, options.Signer) switch
    {
        (true, SignerKind.LocalKey) =>
            $"{RequireKmsSetting} forbids signing with a local Ed25519 key ({options.LocalKeyPath ?? "an in-memory key"}): configure a signing proxy (UseSigningProxy, SIGNING_PROXY_URL) or turn RequireKms off.",
        (true, SignerKind.None) =>
            $"{RequireKmsSetting} needs a remote signer, and none is configured: set a signing proxy (UseSigningProxy, SIGNING_PROXY_URL).",
        _ => null,
    };

    private static IEnumerable<string> Problems(SigningOptions options)
    {
        if (RequireKmsProblem(options) is { } kms)
        {
            yield return kms;
        }

        if (options.Signer == SignerKind.LocalKey && LocalKeyProblem(options) is { } local)
        {
            yield return local;
        }

        if (options.LocalSignerId is not null && string.IsNullOrWhiteSpace(options.LocalSignerId))
        {
            yield return "SigningOptions.LocalSignerId (SIGNER_ID) must not be blank.";
        }

        foreach (string problem in RegistryProblems(options))
        {
            yield return problem;
        }
    }

    private static string? LocalKeyProblem(SigningOptions options)
    {
        if (options.LocalKey is not null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.LocalKeyPath))
        {
            return "SigningOptions.LocalKeyPath (SIGNING_KEY_PATH) is required for a local Ed25519 signer.";
        }

        try
        {
            using var key = Ed25519PrivateKey.ReadFile(options.LocalKeyPath);
            return null;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return $"SigningOptions.LocalKeyPath (SIGNING_KEY_PATH): {e.Message}";
        }
    }

    private static List<string> RegistryProblems(SigningOptions options)
    {
        var problems = new List<string>();
        var union = SignerRegistry.Empty;
        foreach (string path in options.RegistryPaths)
        {
            try
            {
                union = union.Union(SignerRegistry.Load(path));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                problems.Add($"SigningOptions.RegistryPaths (SIGNER_REGISTRY_PATH): {e.Message}");
            }
        }

        return problems;
    }
}
