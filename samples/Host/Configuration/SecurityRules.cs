namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// Security settings that would be silently unsafe together: a development bypass outside Development, REQUIRE_MTLS
/// without the certificates to enforce it, half a TLS pair, files that do not exist. (REQUIRE_KMS without a remote
/// signer is refused by the signing package's own start-up validation.)
/// </summary>
internal static class SecurityRules
{
    public static void Check(SecurityOptions options, IHostEnvironment environment, SettingsReader settings)
    {
        if (!environment.IsDevelopment())
        {
            if (options.DevSkipMtls)
            {
                settings.Refuse($"DEV_SKIP_MTLS=true is a development bypass and is refused in the {environment.EnvironmentName} environment.");
            }

            if (options.AllowDevPrincipal)
            {
                settings.Refuse($"ALLOW_DEV_PRINCIPAL=true (the {SecurityOptions.DevPrincipalHeader} header) is a development bypass and is refused in the {environment.EnvironmentName} environment.");
            }
        }

        if (options.RequireMtls)
        {
            if (options.DevSkipMtls)
            {
                settings.Refuse("REQUIRE_MTLS=true and DEV_SKIP_MTLS=true contradict each other.");
            }

            var missing = new[]
            {
                ("TLS_CERT_FILE", options.TlsCertFile is null),
                ("TLS_KEY_FILE", options.TlsKeyFile is null),
                ("KERNEL_CA_CERT", options.KernelCaCert is null),
                ("KERNEL_TRUSTED_CN", options.KernelTrustedCns.Count == 0),
            }.Where(m => m.Item2).Select(m => m.Item1).ToList();
            if (missing.Count > 0)
            {
                settings.Refuse($"REQUIRE_MTLS=true but the certificate configuration is incomplete: set {string.Join(", ", missing)}.");
            }
        }

        if ((options.TlsCertFile is null) != (options.TlsKeyFile is null))
        {
            settings.Refuse("TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither.");
        }

        foreach (var (name, path) in new[]
        {
            ("TLS_CERT_FILE", options.TlsCertFile), ("TLS_KEY_FILE", options.TlsKeyFile),
            ("KERNEL_CA_CERT", options.KernelCaCert), ("KERNEL_SIGNER_KEYS_FILE", options.KernelSignerKeysFile),
        })
        {
            if (path is not null && !File.Exists(path))
            {
                settings.Refuse($"{name} names '{path}', which does not exist.");
            }
        }
    }
}
