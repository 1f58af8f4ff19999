using ReasoningGraph.Archive.FileSystem;

namespace ReasoningGraph.Archive.Export;

/// <summary>
/// Batches as read-only files in a directory (written once: flushed to disk, never replaced), and the
/// watermark as <c>watermark.json</c> beside them, replaced atomically (written to a temporary file, flushed, renamed).
/// </summary>
/// <param name="directory">The directory holding the batches (<c>&lt;prefix&gt;/reasoning-graph/&lt;env&gt;</c>).</param>
public sealed class DirectoryExportDestination(string directory) : IExportDestination
{
    private readonly string _directory = Path.GetFullPath(directory);

    /// <inheritdoc/>
    public string LocationOf(string batchName) => Path.Combine(_directory, batchName);

    /// <inheritdoc/>
    public Task<bool> TryPutBatchAsync(string batchName, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken = default) =>
        WriteOnceFile.TryCreateAsync(LocationOf(batchName), batch, cancellationToken);

    /// <inheritdoc/>
    public async Task<byte[]?> ReadBatchAsync(string batchName, CancellationToken cancellationToken = default) =>
        await ReadAsync(LocationOf(batchName), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ExportWatermark?> ReadWatermarkAsync(CancellationToken cancellationToken = default)
    {
        string path = LocationOf(ExportWatermark.Name);
        return await ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } bytes ? ExportWatermark.FromJson(bytes, path) : null;
    }

    /// <inheritdoc/>
    public async Task WriteWatermarkAsync(ExportWatermark watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        string path = LocationOf(ExportWatermark.Name);
        string temporary = Path.Combine(_directory, FileSystemSnapshotArchive.TemporaryPrefix + Guid.NewGuid().ToString("N") + "-" + ExportWatermark.Name);
        try
        {
            Directory.CreateDirectory(_directory);
            await WriteOnceFile.WriteDurablyAsync(temporary, watermark.ToJson(), cancellationToken).ConfigureAwait(false);
            // rename(2) replaces atomically: a reader sees the old watermark or the new one.
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ArchiveException.Unavailable($"Could not write '{path}': {e.Message}", ExportWatermark.Name, e);
        }
        finally
        {
            WriteOnceFile.TryDelete(temporary);
        }
    }

    private static async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ArchiveException.Unavailable($"Could not read '{path}': {e.Message}", Path.GetFileName(path), e);
        }
    }
}
