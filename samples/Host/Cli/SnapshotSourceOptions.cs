using System.CommandLine;

namespace ReasoningGraph.Host.Cli;

/// <summary>The caller's credentials for a snapshot fetched over http(s): <c>-H</c>, <c>--cert</c>, <c>--key</c>.</summary>
internal sealed class SnapshotSourceOptions
{
    public Option<string[]> Headers { get; } = new("--header", "-H")
    {
        Description = "For an http(s) --snapshot: a request header, 'Name: value' (repeatable), e.g. 'Authorization: Bearer …'.",
        HelpName = "HEADER",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<FileInfo?> Certificate { get; } = new("--cert") { Description = "For an https --snapshot: a PEM client certificate (with --key).", HelpName = "FILE" };

    public Option<FileInfo?> Key { get; } = new("--key") { Description = "The client certificate's PEM private key.", HelpName = "FILE" };

    public SnapshotSource Create(ParseResult parse) => new(parse.GetValue(Headers) ?? [], parse.GetValue(Certificate), parse.GetValue(Key));
}
