using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Archive;

/// <summary>The filesystem archive: the contract, plus what only files show (permissions, atomic placement).</summary>
public sealed class FileSystemSnapshotArchiveTests : SnapshotArchiveContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rg-archive-test-").FullName;

    protected override Task<ISnapshotArchive> NewArchiveAsync() =>
        Task.FromResult<ISnapshotArchive>(new FileSystemSnapshotArchive(new() { Directory = Path.Combine(_root, Guid.NewGuid().ToString("N")) }));

    [Fact]
    public async Task ArchivedFile_IsReadOnlyAndNamedByIdAndHash()
    {
        var archive = new FileSystemSnapshotArchive(new() { Directory = _root });
        var document = await ArchiveSamples.DocumentAsync();

        var receipt = await archive.PutAsync(document);

        Assert.Equal(Path.Combine(_root, $"{document.Metadata.SnapshotId}.{document.Metadata.Hash}.json"), receipt.Location);
        Assert.Equal(document.Document.ToArray(), await File.ReadAllBytesAsync(receipt.Location));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(receipt.Location));
        }

        Assert.Equal([receipt.Location], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Put_OverAFileThatAppearedMeanwhile_IsRefusedAndLeavesIt()
    {
        var archive = new FileSystemSnapshotArchive(new() { Directory = _root });
        var document = await ArchiveSamples.DocumentAsync();
        string path = Path.Combine(_root, document.Name);
        await File.WriteAllTextAsync(path, "someone else's bytes");

        var error = await Assert.ThrowsAsync<ArchiveException>(() => archive.PutAsync(document));

        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal("someone else's bytes", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task List_IgnoresTemporaryAndForeignFiles()
    {
        var archive = new FileSystemSnapshotArchive(new() { Directory = _root });
        var document = await ArchiveSamples.DocumentAsync();
        await archive.PutAsync(document);
        await File.WriteAllTextAsync(Path.Combine(_root, ".tmp-0123-" + document.Name), "partial");
        await File.WriteAllTextAsync(Path.Combine(_root, "notes.json"), "{}");

        var listed = await archive.ListAsync().ToListAsync();

        Assert.Equal([document.Name], listed.Select(e => e.Name));
    }

    [Fact]
    public async Task Probe_OfAPathThatIsAFile_IsNotReady()
    {
        string file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "");
        var archive = new FileSystemSnapshotArchive(new() { Directory = file });

        var probe = await archive.ProbeAsync();

        Assert.False(probe.IsReady);
        Assert.Contains(file, probe.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_IntoAnUnusableDirectory_IsATransientUnavailability()
    {
        string file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "");
        var archive = new FileSystemSnapshotArchive(new() { Directory = file });
        var document = await ArchiveSamples.DocumentAsync();

        var error = await Assert.ThrowsAsync<ArchiveException>(() => archive.PutAsync(document));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
    }

    public void Dispose()
    {
        foreach (string path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }

        Directory.Delete(_root, recursive: true);
    }
}
