using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Benchmarks.Signing;

/// <summary>
/// Ed25519 signing with the local signer and verification, directly and through the registry (lookup by signer
/// id), against RSA-2048 PKCS#1 v1.5 verification of a legacy <c>rsa-sha256</c> entry.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OperationsConfig))]
public class SignatureBenchmarks
{
    private readonly byte[] _digest = SHA256.HashData("reasoning graph"u8);
    private LocalEd25519Signer _signer = null!;
    private SignerRegistry _registry = null!;
    private RSA _rsa = null!;
    private byte[] _signature = null!;
    private byte[] _rsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _signer = new LocalEd25519Signer(Ed25519PrivateKey.Generate(), "bench-ed25519");
        _rsa = RSA.Create(2048);
        _registry = new SignerRegistry(
        [
            RegisteredSigner.ForEd25519("bench-ed25519", _signer.PublicKey),
            RegisteredSigner.ForRsaSha256("bench-rsa", _rsa.ExportSubjectPublicKeyInfoPem()),
        ]);
        _signature = _signer.SignAsync(_digest).AsTask().GetAwaiter().GetResult();
        _rsaSignature = _rsa.SignData(_digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _rsa.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Ed25519 sign (local signer)")]
    public byte[] Sign() => _signer.SignAsync(_digest).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Ed25519 verify")]
    public bool Verify() => _signer.PublicKey.Verify(_digest, _signature);

    [Benchmark(Description = "Ed25519 verify via registry")]
    public bool VerifyViaRegistry() => _registry.Verify("bench-ed25519", _digest, _signature);

    [Benchmark(Description = "rsa-sha256 verify via registry")]
    public bool VerifyRsaViaRegistry() => _registry.Verify("bench-rsa", _digest, _rsaSignature);
}
