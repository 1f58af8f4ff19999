using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Security;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// Refuses to start, listing every problem at once, with configurations that would silently be unsafe: a development
/// bypass outside Development, REQUIRE_MTLS without the certificates to enforce it, files that do not exist.
/// (REQUIRE_KMS without a remote signer is refused by the signing package's own start-up validation.)
/// </summary>
internal static class StartupGuards
{
    public static void ThrowIfUnsafe(IHostEnvironment environment, SecuritySettings settings)
    {
        var problems = new List<string>();
        if (!environment.IsDevelopment())
        {
            if (settings.DevSkipMtls)
            {
                problems.Add($"DEV_SKIP_MTLS=true is a development bypass and is refused in the {environment.EnvironmentName} environment.");
            }

            if (settings.AllowDevPrincipal)
            {
                problems.Add($"ALLOW_DEV_PRINCIPAL=true (the {CallerMiddleware.DevPrincipalHeader} header) is a development bypass and is refused in the {environment.EnvironmentName} environment.");
            }
        }

        if (settings.RequireMtls)
        {
            if (settings.DevSkipMtls)
            {
                problems.Add("REQUIRE_MTLS=true and DEV_SKIP_MTLS=true contradict each other.");
            }

            var missing = new[]
            {
                ("TLS_CERT_FILE", settings.TlsCertFile is null),
                ("TLS_KEY_FILE", settings.TlsKeyFile is null),
                ("KERNEL_CA_CERT", settings.KernelCaCert is null),
                ("KERNEL_TRUSTED_CN", settings.KernelTrustedCns.Count == 0),
            }.Where(m => m.Item2).Select(m => m.Item1).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"REQUIRE_MTLS=true but the certificate configuration is incomplete: set {string.Join(", ", missing)}.");
            }
        }

        if ((settings.TlsCertFile is null) != (settings.TlsKeyFile is null))
        {
            problems.Add("TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither.");
        }

        foreach (var (name, path) in new[]
        {
            ("TLS_CERT_FILE", settings.TlsCertFile), ("TLS_KEY_FILE", settings.TlsKeyFile),
            ("KERNEL_CA_CERT", settings.KernelCaCert), ("KERNEL_SIGNER_KEYS_FILE", settings.KernelSignerKeysFile),
        })
        {
            if (path is not null && !File.Exists(path))
            {
                problems.Add($"{name} names '{path}', which does not exist.");
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException("configuration", typeof(SecuritySettings), problems);
        }
    }
}
