namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>
/// A parsed document as a flat, pre-order token tape plus the sorted member table of every object.
/// One instance is cached per thread and its pooled arrays are reused, so canonicalizing a document
/// allocates nothing but its output. Memory is linear in the input size whatever the nesting.
/// </summary>
internal sealed partial class JsonTape : IDisposable
{
    // Arrays bigger than this are given back to the pool after use instead of staying cached.
    private const int RetainedTokenLimit = 1 << 16;

    [ThreadStatic]
    private static JsonTape? _cached;

    private PooledList<JsonToken> _tokens = new(64);
    private PooledList<int> _members = new(64);     // key token indices, grouped per object
    private PooledList<int> _keys = new(64);        // keys of the objects still open
    private PooledList<int> _keyFrames = new(16);   // where each open object's keys start in _keys
    private PooledList<int> _containers = new(16);  // open containers, innermost last
    private PooledList<byte> _keyScratch = new(64); // unescaped bytes of keys that held escapes
    private PooledList<int> _sortScratch = new(64);

    public ReadOnlySpan<JsonToken> Tokens => _tokens.AsSpan();

    public ReadOnlySpan<int> Members => _members.AsSpan();

    public ReadOnlySpan<byte> KeyScratch => _keyScratch.AsSpan();

    public static JsonTape Rent()
    {
        var tape = _cached ?? new JsonTape();
        _cached = null;
        return tape;
    }

    /// <summary>Clears the tape and caches it for the next document on this thread.</summary>
    public void Dispose()
    {
        if (_tokens.Items.Length > RetainedTokenLimit || _members.Items.Length > RetainedTokenLimit
            || _keyScratch.Items.Length > RetainedTokenLimit * 16)
        {
            Release();
            return;
        }

        Reset();
        _cached = this;
    }

    private void Reset()
    {
        _tokens.Truncate(0);
        _members.Truncate(0);
        _keys.Truncate(0);
        _keyFrames.Truncate(0);
        _containers.Truncate(0);
        _keyScratch.Truncate(0);
    }

    private void Release()
    {
        _tokens.Dispose();
        _members.Dispose();
        _keys.Dispose();
        _keyFrames.Dispose();
        _containers.Dispose();
        _keyScratch.Dispose();
        _sortScratch.Dispose();
    }
}
