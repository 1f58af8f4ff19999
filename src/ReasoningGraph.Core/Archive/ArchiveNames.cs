namespace ReasoningGraph.Archive;

/// <summary>
/// Object names in an archive: <c>&lt;snapshot id&gt;.&lt;hash&gt;.json</c>. Naming by hash as well as id means a
/// different document under a reused id can never take the place of the archived one.
/// </summary>
public static class ArchiveNames
{
    private const string Extension = ".json";
    private const int HashLength = 64;
    private const int MaxIdLength = 128;

    /// <summary>The object name of a document.</summary>
    /// <param name="snapshotId">The snapshot id (letters, digits, <c>-</c>, <c>_</c>; at most 128 characters).</param>
    /// <param name="hash">The lowercase hex SHA-256 (64 characters).</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The id or hash cannot be part of a name.</exception>
    public static string For(string snapshotId, string hash)
    {
        if (!IsValidSnapshotId(snapshotId))
        {
            throw new ArgumentException($"'{snapshotId}' is not a snapshot id an archive can name (letters, digits, '-', '_'; 1 to {MaxIdLength} characters).", nameof(snapshotId));
        }

        if (!IsValidHash(hash))
        {
            throw new ArgumentException($"'{hash}' is not a lowercase hex SHA-256.", nameof(hash));
        }

        return snapshotId + "." + hash + Extension;
    }

    /// <summary>Splits an object name made by <see cref="For"/>.</summary>
    /// <param name="name">The name, without any prefix.</param>
    /// <param name="snapshotId">The snapshot id.</param>
    /// <param name="hash">The hash.</param>
    /// <returns>False when <paramref name="name"/> is not an archive name.</returns>
    public static bool TryParse(string name, out string snapshotId, out string hash)
    {
        snapshotId = hash = "";
        if (name is null || !name.EndsWith(Extension, StringComparison.Ordinal) || name.Length < HashLength + Extension.Length + 2)
        {
            return false;
        }

        string stem = name[..^Extension.Length];
        int dot = stem.Length - HashLength - 1;
        if (stem[dot] != '.' || !IsValidSnapshotId(stem[..dot]) || !IsValidHash(stem[(dot + 1)..]))
        {
            return false;
        }

        snapshotId = stem[..dot];
        hash = stem[(dot + 1)..];
        return true;
    }

    /// <summary>Whether a snapshot id can be part of an object name.</summary>
    /// <param name="snapshotId">The id.</param>
    /// <returns>True for 1 to 128 ASCII letters, digits, <c>-</c> and <c>_</c>.</returns>
    internal static bool IsValidSnapshotId(string? snapshotId) =>
        snapshotId is { Length: > 0 and <= MaxIdLength } && snapshotId.AsSpan().IndexOfAnyExcept(IdCharacters) < 0;

    /// <summary>Whether a hash is a lowercase hex SHA-256.</summary>
    /// <param name="hash">The hash.</param>
    /// <returns>True for 64 characters of <c>0-9a-f</c>.</returns>
    internal static bool IsValidHash(string? hash) =>
        hash is { Length: HashLength } && hash.AsSpan().IndexOfAnyExcept(HexCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    private static readonly System.Buffers.SearchValues<char> HexCharacters = System.Buffers.SearchValues.Create("0123456789abcdef");
}
