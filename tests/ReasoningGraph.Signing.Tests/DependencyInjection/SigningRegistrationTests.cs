using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Proxy;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.DependencyInjection;

/// <summary><c>AddReasoningGraphSigning()</c>: signer choice, start-up validation, REQUIRE_KMS and registries.</summary>
public sealed class SigningRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-di-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteKey(out Ed25519PublicKey publicKey)
    {
        using var key = Ed25519PrivateKey.Generate(allowExport: true);
        publicKey = key.PublicKey;
        string path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, key.ExportPkcs8Pem());
        return path;
    }

    private string WriteRegistry(params (string Id, Ed25519PublicKey Key)[] signers)
    {
        string path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, new SignerRegistry(signers.Select(s => RegisteredSigner.ForEd25519(s.Id, s.Key))).ToJson());
        return path;
    }

    private static ServiceProvider Build(Action<ReasoningGraphSigningBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddReasoningGraphSigning());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static string StartupErrors(ServiceProvider provider) =>
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message;

    [Fact]
    public void RequireKms_WithLocalKey_RefusesToStartNamingTheSetting()
    {
        string keyPath = WriteKey(out _);
        using var provider = Build(signing => signing.UseEd25519Signer(keyPath).RequireKms());

        string errors = StartupErrors(provider);

        Assert.Contains("REQUIRE_KMS=true", errors, StringComparison.Ordinal);
        Assert.Contains("local Ed25519 key", errors, StringComparison.Ordinal);
        Assert.Contains(keyPath, errors, StringComparison.Ordinal);
        // Resolving the signer validates the options too: a local signer is never handed out under RequireKms.
        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDigestSigner>());
        Assert.Contains("REQUIRE_KMS", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireKms_WithoutAnySigner_RefusesToStart()
    {
        using var provider = Build(signing => signing.RequireKms());

        Assert.Contains("needs a remote signer, and none is configured", StartupErrors(provider), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireKms_WithSigningProxy_StartsAndSignsRemotely()
    {
        await using var proxy = await TestSigningProxy.StartAsync();
        string registry = WriteRegistry((proxy.SignerId, proxy.Key.PublicKey));
        using var provider = Build(signing => signing
            .UseSigningProxy(proxy.Url, o => o.SignerId = proxy.SignerId)
            .AddSignerRegistry(registry)
            .RequireKms());

        provider.GetRequiredService<IStartupValidator>().Validate();
        var signer = Assert.IsType<SigningProxySigner>(provider.GetRequiredService<IDigestSigner>());
        byte[] digest = Digests.Random();
        byte[] signature = await signer.SignAsync(digest);

        Assert.True(provider.GetRequiredService<IDigestVerifier>().Verify(proxy.SignerId, digest, signature));
        Assert.Equal(1, proxy.SignRequests);
    }

    [Fact]
    public async Task SigningProxy_RegisteredKey_RejectsASignatureThatDoesNotVerify()
    {
        await using var proxy = await TestSigningProxy.StartAsync();
        proxy.Behavior = _ => ProxyBehavior.ForeignSignature;
        string registry = WriteRegistry((proxy.SignerId, proxy.Key.PublicKey));
        using var provider = Build(signing => signing.UseSigningProxy(proxy.Url, o => o.SignerId = proxy.SignerId).AddSignerRegistry(registry));
        var documents = new SnapshotDocumentSigner(provider.GetRequiredService<IDigestSigner>());

        var error = await Assert.ThrowsAsync<SigningException>(() => documents.SignAsync(SampleSnapshots.Content()));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningProxy_InvalidOptions_AreAllReportedAtStartup()
    {
        using var provider = Build(signing => signing.UseSigningProxy(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(10);
            o.ClientCertificatePath = "/nonexistent/client.pem";
        }));

        string errors = StartupErrors(provider);

        Assert.Contains("SIGNING_PROXY_URL) is required", errors, StringComparison.Ordinal);
        Assert.Contains("SignerId or KeyId", errors, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", errors, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/client.pem", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalKey_SignsUnderItsKeyIdAndTrustsItselfWithoutARegistry()
    {
        string keyPath = WriteKey(out var publicKey);
        using var provider = Build(signing => signing.UseEd25519Signer(keyPath));
        provider.GetRequiredService<IStartupValidator>().Validate();

        var signer = provider.GetRequiredService<IDigestSigner>();
        var signed = await new SnapshotDocumentSigner(signer, provider.GetRequiredService<IDigestVerifier>()).SignAsync(SampleSnapshots.Content());

        Assert.Equal(publicKey.KeyId, signer.SignerId);
        Assert.True(new SnapshotVerifier(provider.GetRequiredService<SignerRegistry>()).Verify(signed.Document.Span).IsVerified);
    }

    [Fact]
    public void LocalKey_WithExplicitSignerId_UsesIt()
    {
        string keyPath = WriteKey(out _);
        using var provider = Build(signing => signing.UseEd25519Signer(keyPath, "kernel-7"));

        Assert.Equal("kernel-7", provider.GetRequiredService<IDigestSigner>().SignerId);
    }

    [Fact]
    public void LocalKey_MissingOrUnreadable_FailsAtStartup()
    {
        string notAKey = Path.Combine(_directory.FullName, "not-a-key.pem");
        File.WriteAllText(notAKey, "hello");
        using var missing = Build(signing => signing.UseEd25519Signer(Path.Combine(_directory.FullName, "absent.pem")));
        using var garbage = Build(signing => signing.UseEd25519Signer(notAKey));

        Assert.Contains("SIGNING_KEY_PATH", StartupErrors(missing), StringComparison.Ordinal);
        Assert.Contains("Not an Ed25519 private key", StartupErrors(garbage), StringComparison.Ordinal);
    }

    [Fact]
    public void Registries_AreUnitedAndMalformedOnesFailAtStartup()
    {
        using var k1 = Ed25519PrivateKey.Generate();
        using var k2 = Ed25519PrivateKey.Generate();
        string first = WriteRegistry(("k1", k1.PublicKey));
        string second = WriteRegistry(("k2", k2.PublicKey));
        string broken = Path.Combine(_directory.FullName, "broken.json");
        File.WriteAllText(broken, """{"signers":[{"signerId":"k3"}]}""");

        using var good = Build(signing => signing.AddSignerRegistry(first).AddSignerRegistry(second));
        good.GetRequiredService<IStartupValidator>().Validate();
        var registry = good.GetRequiredService<SignerRegistry>();
        Assert.True(registry.Contains("k1") && registry.Contains("k2"));
        Assert.Same(registry, good.GetRequiredService<IDigestVerifier>());

        using var bad = Build(signing => signing.AddSignerRegistry(first).AddSignerRegistry(broken));
        string errors = StartupErrors(bad);
        Assert.Contains(broken, errors, StringComparison.Ordinal);
        Assert.Contains("signers[0] (\"k3\")", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSigner_VerificationOnly_StartsButHasNoSigner()
    {
        using var provider = Build(_ => { });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Empty(provider.GetRequiredService<SignerRegistry>().Signers);
        Assert.Contains("No signer is configured", Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IDigestSigner>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomSigner_CountsAsRemoteForRequireKms()
    {
        using var key = Ed25519PrivateKey.Generate();
        using var provider = Build(signing => signing.UseSigner(_ => new LocalEd25519Signer(key, "kms-adapter", ownsKey: false)).RequireKms());

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("kms-adapter", provider.GetRequiredService<IDigestSigner>().SignerId);
    }

    [Fact]
    public void AddReasoningGraphSigning_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraphSigning();
        services.AddReasoningGraphSigning();

        Assert.Single(services, d => d.ServiceType == typeof(IDigestSigner));
        Assert.Single(services, d => d.ServiceType == typeof(SignerRegistry));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<SigningOptions>));
    }
}
