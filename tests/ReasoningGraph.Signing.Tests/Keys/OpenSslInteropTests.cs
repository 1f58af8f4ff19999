using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Tests.Support;
using ReasoningGraph.Tests.Parity;

namespace ReasoningGraph.Signing.Tests.Keys;

/// <summary>Keys and signatures exchanged with OpenSSL, an independent Ed25519 and PKCS#8/SPKI implementation.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-openssl-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private Task<string> OpenSslAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(ReferenceTools.FindOnPath("openssl")!, arguments, _directory.FullName);

    [OpenSslFact]
    public async Task OpenSslKey_ReadsAndSignsWhatOpenSslVerifies()
    {
        await OpenSslAsync("genpkey", "-algorithm", "ed25519", "-out", PathOf("private.pem"));
        await OpenSslAsync("pkey", "-in", PathOf("private.pem"), "-pubout", "-out", PathOf("public.pem"));
        byte[] digest = Digests.Random();
        await File.WriteAllBytesAsync(PathOf("digest.bin"), digest);

        using var key = Ed25519PrivateKey.ReadFile(PathOf("private.pem"));
        Assert.Equal(Ed25519PublicKey.Parse(await File.ReadAllTextAsync(PathOf("public.pem"))), key.PublicKey);
        await File.WriteAllBytesAsync(PathOf("ours.sig"), key.Sign(digest));

        string verdict = await OpenSslAsync("pkeyutl", "-verify", "-pubin", "-inkey", PathOf("public.pem"), "-rawin", "-in", PathOf("digest.bin"), "-sigfile", PathOf("ours.sig"));
        Assert.Contains("Signature Verified Successfully", verdict, StringComparison.Ordinal);

        await OpenSslAsync("pkeyutl", "-sign", "-inkey", PathOf("private.pem"), "-rawin", "-in", PathOf("digest.bin"), "-out", PathOf("theirs.sig"));
        byte[] theirs = await File.ReadAllBytesAsync(PathOf("theirs.sig"));
        Assert.True(key.PublicKey.Verify(digest, theirs));
    }

    [OpenSslFact]
    public async Task OurPkcs8AndSpki_AreReadByOpenSsl()
    {
        using var key = Ed25519PrivateKey.Generate(allowExport: true);
        await File.WriteAllTextAsync(PathOf("ours.pem"), key.ExportPkcs8Pem());

        string publicPem = await OpenSslAsync("pkey", "-in", PathOf("ours.pem"), "-pubout");

        Assert.Equal(key.PublicKey.ToPem(), publicPem);
    }
}
