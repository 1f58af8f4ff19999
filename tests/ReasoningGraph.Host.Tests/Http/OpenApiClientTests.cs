using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The OpenAPI document as a client team uses it, against the real host on loopback: fetched from
/// <c>/openapi/v1.json</c>, linted by Redocly's recommended rules, turned into types by openapi-typescript, and a
/// client on openapi-fetch (tools/node-openapi/write-and-trace.ts) type-checked by tsc against them and run: it writes
/// two nodes and an edge and reads the causal trace back.
/// </summary>
public sealed class OpenApiClientTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-openapi-");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rg-openapi-client-");
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(new Dictionary<string, string>
    {
        ["environment"] = "Development",
        ["ALLOW_DEV_PRINCIPAL"] = "true",
        ["DATA_DIR"] = _data.FullName,
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Delete(recursive: true);
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Document_PassesTheLinter_AndAGeneratedClientWritesANodeAndReadsItsTrace()
    {
        if (OpenApiTools.NodeOrSkip() is not { } node)
        {
            return;
        }

        string document = Path.Combine(_work.FullName, "openapi.json");
        using (var client = _host.Client())
        {
            await File.WriteAllTextAsync(document, await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        }

        var lint = await OpenApiTools.RunAsync(node, OpenApiTools.Folder, OpenApiTools.Tool("@redocly/cli/bin/cli.js"), "lint", "--format=stylish", document);
        Assert.True(lint.ExitCode == 0, "redocly lint:\n" + lint.Output + lint.Errors);
        Assert.Contains("valid", lint.Output + lint.Errors, StringComparison.Ordinal);

        // The client's folder: the script, its tsconfig and the tools' node_modules, beside the generated types.
        foreach (string file in (string[])["write-and-trace.ts", "tsconfig.json", "package.json"])
        {
            File.Copy(Path.Combine(OpenApiTools.Folder, file), Path.Combine(_work.FullName, file));
        }

        Directory.CreateSymbolicLink(Path.Combine(_work.FullName, "node_modules"), Path.Combine(OpenApiTools.Folder, "node_modules"));
        var generate = await OpenApiTools.RunAsync(node, _work.FullName, OpenApiTools.Tool("openapi-typescript/bin/cli.js"), document, "-o", "api.d.ts");
        Assert.True(generate.ExitCode == 0, "openapi-typescript:\n" + generate.Output + generate.Errors);
        string types = await File.ReadAllTextAsync(Path.Combine(_work.FullName, "api.d.ts"));
        Assert.Contains("appendNode: {", types, StringComparison.Ordinal);
        Assert.Contains("getCausalTrace: {", types, StringComparison.Ordinal);

        var compile = await OpenApiTools.RunAsync(node, _work.FullName, OpenApiTools.Tool("typescript/bin/tsc"), "-p", "tsconfig.json");
        Assert.True(compile.ExitCode == 0, "tsc:\n" + compile.Output + compile.Errors);

        var run = await OpenApiTools.RunAsync(node, _work.FullName, Path.Combine("out", "write-and-trace.js"), _host.Address.ToString().TrimEnd('/'), "openapi-client");
        Assert.True(run.ExitCode == 0, "write-and-trace:\n" + run.Output + run.Errors);

        var answer = JsonNode.Parse(run.Output)!;
        string cause = answer["nodeIds"]![0]!.GetValue<string>(), effect = answer["nodeIds"]![1]!.GetValue<string>();
        string edge = answer["edgeId"]!.GetValue<string>();
        var trace = answer["trace"]!;
        Assert.Equal(effect, trace["trace_id"]!.GetValue<string>());
        Assert.Equal([cause, edge, effect], trace["ordered_path"]!.AsArray().Select(entry => entry!["id"]!.GetValue<string>()));
        Assert.Equal("disk latency above 40 ms", trace["ordered_path"]![0]!["payload"]!["note"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", answer["missingCode"]!.GetValue<string>());

        // What the client wrote is in the graph the host serves.
        using var reader = _host.Client(devPrincipal: "tester");
        var (_, stored) = await HostApi.GetAsync(reader, $"/reason/node/{cause}");
        Assert.Equal("openapi-client", stored.GetProperty("node").GetProperty("author").GetString());
    }

    [Fact]
    public async Task Linter_RefusesTheDocument_WhenAnOperationLosesItsSecurityScheme()
    {
        if (OpenApiTools.NodeOrSkip() is not { } node)
        {
            return;
        }

        // The negative control: the lint step can fail, so its passing above means something.
        using var client = _host.Client();
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        document["components"]!.AsObject().Remove("securitySchemes");
        string broken = Path.Combine(_work.FullName, "broken.json");
        await File.WriteAllTextAsync(broken, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var lint = await OpenApiTools.RunAsync(node, OpenApiTools.Folder, OpenApiTools.Tool("@redocly/cli/bin/cli.js"), "lint", "--format=stylish", broken);

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains("security-defined", lint.Output + lint.Errors, StringComparison.Ordinal);
    }
}
