namespace ReasoningGraph.Archive.FileSystem;

/// <summary>
/// Creates a file that nobody sees half-written and that is never replaced: the bytes go to a temporary file in the
/// same directory (<c>.tmp-…</c>), are flushed to disk (<c>fsync</c>), made read-only (<c>0444</c>) and linked into
/// place with <see cref="NoReplaceMove"/>, which refuses an existing name even when two writers race.
/// </summary>
internal static class WriteOnceFile
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates <paramref name="path"/> with <paramref name="bytes"/> unless it exists (its directory is created when missing).</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="bytes">Its content.</param>
    /// <param name="cancellationToken">Cancels the write (nothing is placed then).</param>
    /// <returns>True when this call created it; false when the file existed (it is left as it was).</returns>
    /// <exception cref="ArchiveException"><c>STORE_UNAVAILABLE</c>: the file system failed.</exception>
    public static async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        string name = Path.GetFileName(path);
        if (File.Exists(path))
        {
            return false;
        }

        string directory = Path.GetDirectoryName(path)!;
        string temporary = Path.Combine(directory, FileSystemSnapshotArchive.TemporaryPrefix + Guid.NewGuid().ToString("N") + "-" + name);
        try
        {
            Directory.CreateDirectory(directory);
            await WriteDurablyAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            MakeReadOnly(temporary);
            return NoReplaceMove.TryPlace(temporary, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ArchiveException.Unavailable($"Could not write '{path}': {e.Message}", name, e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes a file and flushes it to disk before returning.</summary>
    /// <param name="path">A file that must not exist yet.</param>
    /// <param name="bytes">Its content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing when the bytes are on disk.</returns>
    public static async Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            // The rename must never publish a file whose bytes are still only in the page cache.
            stream.Flush(flushToDisk: true);
        }
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, ReadOnly);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                // On Unix the temporary name may be a hard link to the placed file: never touch its mode there.
                if (OperatingSystem.IsWindows())
                {
                    File.SetAttributes(path, FileAttributes.Normal);
                }

                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: it is never listed (its name does not parse).
        }
    }
}
