using System.CommandLine;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// The keys a snapshot is verified with, as <c>verify-snapshot</c> and <c>render</c> take them: <c>--signers FILE</c>
/// (a signer registry) or <c>--public-key FILE</c> (the one key an auditor was handed, <see cref="SingleKeyVerifier"/>).
/// </summary>
internal sealed class SnapshotKeys
{
    public Option<FileInfo?> Signers { get; } = new("--signers")
    {
        Description = "The signer registry (any of the three registry shapes, or a bundle of PEM public keys).",
        HelpName = "FILE",
    };

    public Option<FileInfo?> PublicKey { get; } = new("--public-key")
    {
        Description = "Instead of --signers: the one public key to verify with, whatever signer id the document names (Ed25519 as PEM, base64 SPKI or raw; or RSA).",
        HelpName = "FILE",
    };

    /// <summary>The verifier of the keys given, or null when neither option is; both at once is bad usage.</summary>
    public IDigestVerifier? Load(ParseResult parse) => (parse.GetValue(Signers), parse.GetValue(PublicKey)) switch
    {
        ({ } file, null) => SignerRegistry.Load(file.FullName),
        (null, { } key) => SingleKeyVerifier.Load(key.FullName),
        (null, null) => null,
        _ => throw new UsageException("Give one of --signers FILE or --public-key FILE, not both."),
    };

    /// <summary>Which keys were used, for a reader: the option and the file's name.</summary>
    public string Describe(ParseResult parse) =>
        parse.GetValue(Signers) is { } file ? $"the signer registry {file.Name}" : $"the public key {parse.GetValue(PublicKey)?.Name}";
}
