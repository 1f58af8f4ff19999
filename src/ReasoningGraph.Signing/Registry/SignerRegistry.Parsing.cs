using System.Text.Json;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Registry;

public sealed partial class SignerRegistry
{
    private const string AlgorithmEd25519 = "ed25519";
    private const string AlgorithmRsaSha256 = "rsa-sha256";

    private static readonly string[] IdMembers = ["signerId", "signer_kid", "kid"];
    private static readonly string[] KeyMembers = ["publicKey", "public_key_pem"];

    /// <summary>Reads a signer registry file: any of the three JSON shapes of INTEROP.md §2, or a bundle of PEM public keys.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="SignerRegistryException">The file is malformed; the message names the file and the entry.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SignerRegistry Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a signer registry: any of the three JSON shapes of INTEROP.md §2, or a bundle of PEM public keys.</summary>
    /// <param name="content">The registry JSON or PEM bundle, UTF-8.</param>
    /// <param name="filePath">Where it came from, for error messages; may be null.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="SignerRegistryException">The registry is malformed; the message names the entry.</exception>
    /// <remarks>
    /// Shapes: <c>{"signers":[{"signerId"|"signer_kid", "publicKey"|"public_key_pem", "algorithm"?}]}</c> and
    /// <c>{"&lt;kid&gt;":{"publicKey", "kid"?, "algorithm"?}}</c>. <c>algorithm</c> is <c>ed25519</c> (default) or
    /// <c>rsa-sha256</c>; other members are ignored. Duplicate JSON keys and duplicate signer ids are errors.
    /// A PEM bundle (the replaced Go service's key file) holds <c>PUBLIC KEY</c> blocks (Ed25519 or RSA) and
    /// <c>RSA PUBLIC KEY</c> blocks; it names no ids, so each signer's id is its key's <see cref="JwkThumbprint"/>.
    /// </remarks>
    public static SignerRegistry Parse(ReadOnlySpan<byte> content, string? filePath = null)
    {
        if (LooksLikePemBundle(content))
        {
            return ParsePemBundle(content, filePath);
        }

        string where = filePath ?? "signer registry";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new SignerRegistryException($"{where}: not valid JSON ({e.Message}).", filePath, null, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SignerRegistryException($"{where}: the registry must be a JSON object, not {root.ValueKind}.", filePath);
            }

            var signers = root.TryGetProperty("signers", out var list) && list.ValueKind == JsonValueKind.Array
                ? ReadList(list, where, filePath)
                : ReadMap(root, where, filePath);
            if (signers.Count == 0)
            {
                throw new SignerRegistryException($"{where}: the registry lists no signers.", filePath);
            }

            return new SignerRegistry(signers);
        }
    }

    private static List<RegisteredSigner> ReadList(JsonElement list, string where, string? filePath)
    {
        var signers = new List<RegisteredSigner>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            string name = $"signers[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Error(where, filePath, name, $"must be an object, not {entry.ValueKind}");
            }

            string signerId = ReadSignerId(entry, where, filePath, ref name, null);
            AddUnique(signers, seen, ReadEntry(entry, signerId, where, filePath, name), where, filePath, name);
        }

        return signers;
    }

    private static List<RegisteredSigner> ReadMap(JsonElement root, string where, string? filePath)
    {
        var signers = new List<RegisteredSigner>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            string name = $"\"{member.Name}\"";
            if (member.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(where, filePath, name, $"must be an object holding publicKey, not {member.Value.ValueKind}");
            }

            if (member.Name.Length == 0)
            {
                throw Error(where, filePath, name, "the signer id (the member name) is empty");
            }

            string signerId = ReadSignerId(member.Value, where, filePath, ref name, member.Name);
            AddUnique(signers, seen, ReadEntry(member.Value, signerId, where, filePath, name), where, filePath, name);
        }

        return signers;
    }

    private static string ReadSignerId(JsonElement entry, string where, string? filePath, ref string name, string? mapKey)
    {
        string? signerId = mapKey;
        string? idMember = null;
        foreach (string member in IdMembers)
        {
            if (!entry.TryGetProperty(member, out var value))
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw Error(where, filePath, name, $"{member} must be a non-empty string");
            }

            string id = value.GetString()!;
            if (signerId is not null && id != signerId)
            {
                throw Error(where, filePath, name, $"{member} \"{id}\" contradicts {idMember ?? "the member name"} \"{signerId}\"");
            }

            signerId = id;
            idMember ??= member;
        }

        if (signerId is null)
        {
            throw Error(where, filePath, name, "has no signer id (signerId or signer_kid)");
        }

        if (mapKey is null)
        {
            name += $" (\"{signerId}\")";
        }

        return signerId;
    }

    private static RegisteredSigner ReadEntry(JsonElement entry, string signerId, string where, string? filePath, string name)
    {
        string algorithm = AlgorithmEd25519;
        if (entry.TryGetProperty("algorithm", out var algorithmValue))
        {
            algorithm = algorithmValue.ValueKind == JsonValueKind.String ? algorithmValue.GetString()!.ToLowerInvariant() : "";
            if (algorithm is not (AlgorithmEd25519 or AlgorithmRsaSha256))
            {
                throw Error(where, filePath, name, $"algorithm must be \"{AlgorithmEd25519}\" or \"{AlgorithmRsaSha256}\", not {algorithmValue.GetRawText()}");
            }
        }

        string? keyMember = KeyMembers.FirstOrDefault(member => entry.TryGetProperty(member, out _));
        if (keyMember is null)
        {
            throw Error(where, filePath, name, "has no public key (publicKey or public_key_pem)");
        }

        var keyValue = entry.GetProperty(keyMember);
        if (keyValue.ValueKind != JsonValueKind.String)
        {
            throw Error(where, filePath, name, $"{keyMember} must be a string");
        }

        try
        {
            return algorithm == AlgorithmEd25519
                ? RegisteredSigner.ForEd25519(signerId, Ed25519PublicKey.Parse(keyValue.GetString()!))
                : RegisteredSigner.ForRsaSha256(signerId, keyValue.GetString()!);
        }
        catch (FormatException e)
        {
            throw Error(where, filePath, name, $"{keyMember}: {e.Message}", e);
        }
    }

    private static void AddUnique(List<RegisteredSigner> signers, Dictionary<string, string> seen, RegisteredSigner signer, string where, string? filePath, string name)
    {
        if (seen.TryGetValue(signer.SignerId, out string? first))
        {
            throw Error(where, filePath, name, $"signer id \"{signer.SignerId}\" is already used by {first}");
        }

        seen.Add(signer.SignerId, name);
        signers.Add(signer);
    }

    private static SignerRegistryException Error(string where, string? filePath, string entry, string problem, Exception? inner = null) =>
        new($"{where}: entry {entry}: {problem}.", filePath, entry, inner);
}
