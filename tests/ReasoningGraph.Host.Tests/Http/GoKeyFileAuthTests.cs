using System.Net;
using System.Security.Cryptography;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Drop-in for the replaced Go service over real HTTPS: its <c>KERNEL_SIGNER_KEYS_FILE</c> is a bundle of PEM public
/// keys (one Ed25519, one RSA here), and its Kernel tokens may carry no <c>kid</c> and grant writing as
/// <c>roles: ["reasoning:write"]</c>. Our stricter checks (<c>exp</c> required, issuer <c>kernel</c>) stay.
/// </summary>
public sealed class GoKeyFileAuthTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-gokeys-");
    private readonly Ed25519PrivateKey _ed = Ed25519PrivateKey.Generate();
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _strangerRsa = RSA.Create(2048);
    private TestCertificates _pki = null!;
    private RunningHost _host = null!;

    public static TheoryData<string, bool> KeysAndKids => new()
    {
        { "ed25519", false }, { "ed25519", true }, { "rsa", false }, { "rsa", true },
    };

    public async Task InitializeAsync()
    {
        _pki = new TestCertificates(_directory);
        string keysFile = Path.Combine(_directory.FullName, "kernel-keys.pem");
        await File.WriteAllTextAsync(keysFile, _ed.PublicKey.ToPem() + "\n" + _rsa.ExportSubjectPublicKeyInfoPem() + "\n");
        _host = await RunningHost.StartAsync(
            new Dictionary<string, string>(_pki.ProductionMtlsSettings())
            {
                ["KERNEL_SIGNER_KEYS_FILE"] = keysFile,
                ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            },
            _pki.Server);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        _ed.Dispose();
        _rsa.Dispose();
        _strangerRsa.Dispose();
        _directory.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(KeysAndKids))]
    public async Task TokenSignedByEitherBundleKey_Writes_WithOrWithoutKid(string key, bool withKid)
    {
        var claims = KernelJwt.Claims(scope: "reasoning:write read:trace");
        string token = key == "ed25519"
            ? KernelJwt.CreateEdDsa(_ed, withKid ? SignerRegistry.JwkThumbprint(_ed.PublicKey.ExportSubjectPublicKeyInfo()) : null, claims)
            : KernelJwt.CreateRs256(_rsa, withKid ? SignerRegistry.JwkThumbprint(_rsa.ExportSubjectPublicKeyInfo()) : null, claims);

        await AssertWritesAsync(token);
    }

    [Fact]
    public async Task KidTheFileDoesNotName_IsAHint_EveryKeyIsTried() =>
        await AssertWritesAsync(KernelJwt.CreateRs256(_rsa, "kernel-2026", KernelJwt.Claims(scope: "reasoning:write read:trace")));

    [Fact]
    public async Task RolesClaim_GrantsWrite()
    {
        await AssertWritesAsync(KernelJwt.CreateEdDsa(_ed, null, KernelJwt.Claims(roles: ["reasoning:write"])), readBack: false);
        await AssertWritesAsync(KernelJwt.CreateRs256(_rsa, null, KernelJwt.Claims(roles: ["reasoning:write", "read:trace"])));
    }

    [Fact]
    public async Task UnknownKey_WithoutKid_IsNotAuthorized() =>
        await AssertRefusedAsync(KernelJwt.CreateRs256(_strangerRsa, null, KernelJwt.Claims(roles: ["reasoning:write"])), HttpStatusCode.Unauthorized, "verifies with no configured Kernel key");

    [Fact]
    public async Task KidNamingOneKey_SignedByTheOther_IsNotAuthorized() =>
        await AssertRefusedAsync(
            KernelJwt.CreateRs256(_rsa, SignerRegistry.JwkThumbprint(_ed.PublicKey.ExportSubjectPublicKeyInfo()), KernelJwt.Claims(roles: ["reasoning:write"])),
            HttpStatusCode.Unauthorized,
            "kid names");

    [Fact]
    public async Task NoExp_StaysRefused()
    {
        var claims = KernelJwt.Claims(roles: ["reasoning:write"]);
        claims.Remove("exp");
        await AssertRefusedAsync(KernelJwt.CreateEdDsa(_ed, null, claims), HttpStatusCode.Unauthorized, "no exp");
    }

    [Fact]
    public async Task IssuerOtherThanKernel_StaysRefused() =>
        await AssertRefusedAsync(KernelJwt.CreateEdDsa(_ed, null, KernelJwt.Claims(issuer: "kernel-staging", roles: ["reasoning:write"])), HttpStatusCode.Unauthorized, "issuer");

    [Fact]
    public async Task RolesWithoutWrite_IsForbidden() =>
        await AssertRefusedAsync(KernelJwt.CreateEdDsa(_ed, null, KernelJwt.Claims(roles: ["reasoning:read"])), HttpStatusCode.Forbidden, "reasoning:write");

    private async Task AssertWritesAsync(string token, bool readBack = true)
    {
        using var client = _host.Client(bearer: token);
        string id = Guid.NewGuid().ToString();

        var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id));

        Assert.True(status == HttpStatusCode.Created, body.ToString());
        if (readBack)
        {
            Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(client, $"/reason/node/{id}")).Status);
        }
    }

    private async Task AssertRefusedAsync(string token, HttpStatusCode expected, string reason)
    {
        using var client = _host.Client(bearer: token);
        string id = Guid.NewGuid().ToString();

        var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id));

        Assert.Equal(expected, status);
        Assert.Contains(reason, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        using var kernel = _host.Client(_pki.Client("kernel"));
        Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(kernel, $"/reason/node/{id}")).Status);
    }
}
