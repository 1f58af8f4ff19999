using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Redaction;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// PII redaction from the environment: <c>PII_CATALOG_FILE</c> (the catalog, docs/REDACTION.md), <c>PII_SALT</c>
/// (base64, at least 16 bytes: the key of <c>PII_HASH</c>) and <c>PII_SALT_ID</c> (names the salt in hashes).
/// Without a catalog nothing is catalogued and reads are shown as stored. With one, readers without <c>read:pii</c>
/// and operator snapshots go through the redactor. Problems stop start-up with the redactor's own messages.
/// </summary>
internal static class PiiConfiguration
{
    /// <summary>Registers the redactor; returns the catalog file, or null when none is configured.</summary>
    public static string? Add(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (ConfigurationFlags.Text(configuration, "PII_CATALOG_FILE") is not { } catalog)
        {
            return null;
        }

        Register(builder.Services, catalog, ConfigurationFlags.Text(configuration, "PII_SALT"), ConfigurationFlags.Text(configuration, "PII_SALT_ID"));
        return catalog;
    }

    /// <summary>
    /// The snapshot redactor of a catalog file and salt, checked like at start-up (the CLI's <c>snapshot --pii-catalog</c>).
    /// </summary>
    /// <exception cref="OptionsValidationException">The catalog or the salt cannot be used; the message lists every problem.</exception>
    public static ISnapshotRedactor CreateSnapshotRedactor(string catalog, string? saltBase64, string? saltId)
    {
        var services = new ServiceCollection();
        Register(services, catalog, saltBase64, saltId);
        using var provider = services.BuildServiceProvider();

        // Resolving reads the options, which runs the same validators that stop the service's start-up.
        return provider.GetRequiredService<ISnapshotRedactor>();
    }

    private static void Register(IServiceCollection services, string catalog, string? saltBase64, string? saltId)
    {
        byte[] salt = Salt(saltBase64);
        services.AddReasoningGraph().UsePiiRedaction(options =>
        {
            options.CatalogPath = catalog;
            options.Salt = salt;
            options.SaltId = saltId;
        });
        services.AddSingleton<ISnapshotRedactor>(provider => new PiiSnapshotRedactor(provider.GetRequiredService<IPiiRedactor>()));
    }

    private static byte[] Salt(string? base64)
    {
        if (base64 is null)
        {
            return [];
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new OptionsValidationException("PII_SALT", typeof(byte[]), ["PII_SALT must be base64 (for example: openssl rand -base64 32)."]);
        }
    }
}
