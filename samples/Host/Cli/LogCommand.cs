using System.CommandLine;
using ReasoningGraph.Host.VerifiableLog;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Notes;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>log checkpoint|inclusion|consistency</c>: the graph's audit log as a verifiable log (INTEROP §8). A checkpoint
/// is the C2SP checkpoint of the whole chain, signed as a C2SP signed note; an inclusion proof shows one event is in
/// a tree of a given size; a consistency proof that a tree extends a smaller one. Proofs are JSON,
/// <c>{"leafIndex","treeSize","eventHash","hashes"}</c> and <c>{"from","to","hashes"}</c>, hashes in base64, and are
/// checked by Go's <c>sumdb/tlog</c> as well as by <c>verify-inclusion</c>.
/// </summary>
internal static class LogCommand
{
    public static Command Create() => new("log", "The audit log as a verifiable log: signed checkpoints, inclusion and consistency proofs (RFC 6962, C2SP).")
    {
        Checkpoint(), Inclusion(), Consistency(),
    };

    private static Command Checkpoint()
    {
        var source = new LogOptions();
        var key = new Option<FileInfo>("--signing-key") { Description = "The Ed25519 key that signs the note (PKCS#8 PEM, base64 seed or Go's 64-byte form).", Required = true, HelpName = "FILE" };
        var name = new Option<string>("--key-name") { Description = "The key's name in the note (the signer id).", DefaultValueFactory = _ => "reasoning-graph", HelpName = "NAME" };
        var origin = new Option<string?>("--origin") { Description = "The log's origin line (default reasoning-graph/<graph id>).", HelpName = "TEXT" };
        var command = new Command("checkpoint", "Print the signed checkpoint of the whole chain (a C2SP signed note); its verifier key goes to stderr.")
        {
            key, name, origin,
        };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var (tree, defaultOrigin) = await source.OpenAsync(parse, cancellationToken);
            using var disposeTree = tree;
            using var signingKey = ReadKey(parse.GetValue(key)!);
            string keyName = parse.GetValue(name)!;
            var checkpoint = await tree.CheckpointAsync(parse.GetValue(origin) ?? defaultOrigin, cancellationToken);
            string note;
            try
            {
                note = SignedNote.Sign(checkpoint.ToText(), keyName, signingKey);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            await Console.Out.WriteAsync(note);
            await Console.Error.WriteLineAsync("verifier key: " + new NoteKey(keyName, signingKey.PublicKey).VerifierKey);
        }));
        return command;
    }

    private static Command Inclusion()
    {
        var source = new LogOptions();
        var index = new Option<long?>("--index") { Description = "The event's position in the chain, from 0.", HelpName = "N" };
        var entity = new Option<Guid?>("--entity") { Description = "Instead of --index: the item or snapshot whose event to prove.", HelpName = "ID" };
        var size = new Option<long?>("--tree-size") { Description = "The tree size the proof is for (a checkpoint's); default: the whole chain.", HelpName = "M" };
        var command = new Command("inclusion", "Print the inclusion proof of one event in the tree of a given size.") { index, entity, size };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var (tree, _) = await source.OpenAsync(parse, cancellationToken);
            using var disposeTree = tree;
            long treeSize = parse.GetValue(size) ?? tree.Size;
            long leaf = parse.GetValue(index)
                ?? (parse.GetValue(entity) is { } id ? await tree.IndexOfAsync(id, null, cancellationToken) ?? throw new UsageException($"No audit event records {id}.") : throw new UsageException("Name the event: --index N or --entity ID."));
            if (tree.InclusionProblem(leaf, treeSize) is { } problem)
            {
                throw new UsageException(problem.Message);
            }

            await GraphCommands.WriteJsonAsync(WriteObject((await tree.InclusionProofAsync(leaf, treeSize, cancellationToken)).WriteMembers), cancellationToken);
        }));
        return command;
    }

    private static Command Consistency()
    {
        var source = new LogOptions();
        var from = new Option<long>("--from") { Description = "The smaller tree's size (a checkpoint kept earlier).", Required = true, HelpName = "A" };
        var to = new Option<long?>("--to") { Description = "The larger tree's size; default: the whole chain.", HelpName = "B" };
        var command = new Command("consistency", "Print the consistency proof that the tree of size B extends the tree of size A.") { from, to };
        source.AddTo(command);
        command.SetAction((parse, cancellationToken) => GraphCommands.RunAsync(async () =>
        {
            var (tree, _) = await source.OpenAsync(parse, cancellationToken);
            using var disposeTree = tree;
            long newSize = parse.GetValue(to) ?? tree.Size, oldSize = parse.GetValue(from);
            if (tree.ConsistencyProblem(oldSize, newSize) is { } problem)
            {
                throw new UsageException(problem.Message);
            }

            await GraphCommands.WriteJsonAsync(WriteObject((await tree.ConsistencyProofAsync(oldSize, newSize, cancellationToken)).WriteMembers), cancellationToken);
        }));
        return command;
    }

    private static Action<System.Text.Json.Utf8JsonWriter> WriteObject(Action<System.Text.Json.Utf8JsonWriter> writeMembers) => writer =>
    {
        writer.WriteStartObject();
        writeMembers(writer);
        writer.WriteEndObject();
    };

    private static Ed25519PrivateKey ReadKey(FileInfo file)
    {
        try
        {
            return Ed25519PrivateKey.ReadFile(file.FullName);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--signing-key {file.FullName}: {e.Message}");
        }
    }

    /// <summary>--database-url (with --schema, --graph-id) or --data-dir, shared by the three commands.</summary>
    private sealed class LogOptions
    {
        private readonly DatabaseOptions _database = new();
        private readonly Option<string?> _dataDirectory = new("--data-dir") { Description = "The embedded store's DATA_DIR, instead of --database-url.", HelpName = "DIR" };

        public void AddTo(Command command)
        {
            foreach (var option in _database.All)
            {
                command.Options.Add(option);
            }

            command.Options.Add(_dataDirectory);
        }

        public Task<(LogTree Tree, string Origin)> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
            AuditLogSource.OpenAsync(parse.GetValue(_dataDirectory), _database.ToStoreOptions(parse), cancellationToken);
    }
}
