using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A running host that redacts with the given PII catalog, with two callers: a privileged one (the development
/// principal, every capability) and a reader holding only <c>read:trace</c> (a Kernel-signed JWT).
/// </summary>
internal sealed record RedactingHost(RunningHost Host, HttpClient Privileged, HttpClient Reader)
{
    private const string JwtKid = "kernel-jwt";

    public static async Task<RedactingHost> StartAsync(DirectoryInfo directory, string catalogJson, params (string Key, string Value)[] extra)
    {
        string catalog = Path.Combine(directory.FullName, "pii-catalog.json");
        await File.WriteAllTextAsync(catalog, catalogJson);
        using var jwtKey = Ed25519PrivateKey.Generate();
        string keysFile = Path.Combine(directory.FullName, "kernel-signers.json");
        await File.WriteAllBytesAsync(keysFile, new SignerRegistry([RegisteredSigner.ForEd25519(JwtKid, jwtKey.PublicKey)]).ToJson());
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(directory.FullName, "data"),
            ["KERNEL_SIGNER_KEYS_FILE"] = keysFile,
            ["PII_CATALOG_FILE"] = catalog,
            ["PII_SALT"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["PII_SALT_ID"] = "salt-1",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var host = await RunningHost.StartAsync(settings);
        return new RedactingHost(host, host.Client(devPrincipal: "auditor-desk"), host.Client(bearer: KernelJwt.Create(jwtKey, JwtKid, scope: "read:trace")));
    }
}

/// <summary>Reads for leak checks: the answer's text decoded, so an escaped value (\u0040, &amp;#64;) counts as present.</summary>
internal static class DecodedReads
{
    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>GET <paramref name="path"/>, or POST it with <c>{}</c>; the status and the decoded JSON (or HTML) text.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Text)> ReadAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            return (response.StatusCode, System.Net.WebUtility.HtmlDecode(text));
        }

        using var document = System.Text.Json.JsonDocument.Parse(text);
        return (response.StatusCode, System.Text.Json.JsonSerializer.Serialize(document.RootElement, Unescaped));
    }
}
