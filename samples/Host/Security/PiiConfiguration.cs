using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// PII redaction (<see cref="PiiOptions"/>). Without a catalog nothing is catalogued and reads are shown as stored.
/// With one, readers without <c>read:pii</c> and operator snapshots go through the redactor. Problems stop start-up
/// with the redactor's own messages.
/// </summary>
internal static class PiiConfiguration
{
    /// <summary>Registers the redactor when a catalog is configured.</summary>
    public static void Add(IServiceCollection services, PiiOptions options)
    {
        if (options.CatalogFile is not null)
        {
            Register(services, options);
        }
    }

    /// <summary>
    /// The snapshot redactor of a catalog file and salt, checked like at start-up (the CLI's <c>snapshot --pii-catalog</c>).
    /// </summary>
    /// <exception cref="OptionsValidationException">The catalog or the salt cannot be used; the message lists every problem.</exception>
    public static ISnapshotRedactor CreateSnapshotRedactor(PiiOptions options)
    {
        var services = new ServiceCollection();
        Register(services, options);
        using var provider = services.BuildServiceProvider();

        // Resolving reads the options, which runs the same validators that stop the service's start-up.
        return provider.GetRequiredService<ISnapshotRedactor>();
    }

    private static void Register(IServiceCollection services, PiiOptions options)
    {
        services.AddReasoningGraph().UsePiiRedaction(redaction =>
        {
            redaction.CatalogPath = options.CatalogFile;
            redaction.Salt = options.Salt;
            redaction.SaltId = options.SaltId;
        });
    }
}
