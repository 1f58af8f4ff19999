using System.Runtime.CompilerServices;

namespace ReasoningGraph.Archive.FileSystem;

/// <summary>
/// The embedded archive: one read-only file per document in a directory, named <see cref="ArchiveNames.For"/>.
/// A document is written to a temporary file, flushed to disk, made read-only and then moved into place
/// with a hard link that refuses to replace an existing file (<see cref="NoReplaceMove"/>), so readers never see a partial file and a second
/// write of the same name fails (<see cref="ArchiveFailureReasons.AlreadyArchived"/>) even when two writers race.
/// Write-once here is as strong as the file system's permissions: use the S3 archive when the operator
/// must not be able to delete either.
/// </summary>
public sealed class FileSystemSnapshotArchive : ISnapshotArchive
{
    internal const string TemporaryPrefix = ".tmp-";

    private readonly string _directory;

    /// <summary>Creates an archive in a directory.</summary>
    /// <param name="options">The directory.</param>
    public FileSystemSnapshotArchive(FileSystemArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Directory, nameof(options) + "." + nameof(options.Directory));
        _directory = Path.GetFullPath(options.Directory);
    }

    /// <inheritdoc/>
    public string Kind => "filesystem";

    /// <summary>The full path of the archive directory.</summary>
    public string DirectoryPath => _directory;

    /// <inheritdoc/>
    public async Task<ArchiveReceipt> PutAsync(ArchiveDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        string name = document.Name;
        string path = Path.Combine(_directory, name);
        if (!await WriteOnceFile.TryCreateAsync(path, document.Document, cancellationToken).ConfigureAwait(false))
        {
            throw ArchiveException.AlreadyArchived(name);
        }

        return new ArchiveReceipt { Name = name, Location = path, Size = document.Document.Length };
    }

    /// <inheritdoc/>
    public async Task<ArchiveDocument?> GetAsync(string snapshotId, string hash, CancellationToken cancellationToken = default)
    {
        string path = Path.Combine(_directory, ArchiveNames.For(snapshotId, hash));
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ArchiveException.Unavailable($"Could not read '{path}': {e.Message}", Path.GetFileName(path), e);
        }

        return ArchiveDocument.FromDocument(bytes);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ArchiveEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        var files = new DirectoryInfo(_directory).GetFiles("*.json", SearchOption.TopDirectoryOnly);
        Array.Sort(files, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ArchiveNames.TryParse(file.Name, out string id, out string hash))
            {
                yield return new ArchiveEntry(id, hash, file.Name, file.Length);
            }
        }
    }

    /// <inheritdoc/>
    public Task<ArchiveProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        string probe = Path.Combine(_directory, TemporaryPrefix + "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(probe, []);
            return Task.FromResult(new ArchiveProbeResult(true, $"directory '{_directory}' is writable"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(new ArchiveProbeResult(false, $"directory '{_directory}' is not writable: {e.Message}"));
        }
        finally
        {
            WriteOnceFile.TryDelete(probe);
        }
    }
}
