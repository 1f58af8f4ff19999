namespace ReasoningGraph.Canonicalization.Internal;

/// <summary>Member ordering and duplicate-key detection.</summary>
internal sealed partial class JsonTape
{
    /// <summary>The unescaped bytes of a key, from the input or from the key scratch buffer.</summary>
    public ReadOnlySpan<byte> KeyBytes(ReadOnlySpan<byte> json, in JsonToken key) =>
        (key.Flags & JsonTokenFlags.KeyInScratch) != 0
            ? _keyScratch.AsSpan().Slice((int)(key.Aux >> 32), (int)(uint)key.Aux)
            : json.Slice(key.Start, key.Length);

    private void SortMembers(ReadOnlySpan<byte> json)
    {
        var tokens = _tokens.AsSpan();
        var members = _members.AsSpan();
        for (int t = 0; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.Kind != JsonTokenKind.Object || token.Length < 2)
            {
                continue;
            }

            var group = members.Slice(token.Start, token.Length);
            Sort(json, group);
            if (FindAdjacentDuplicate(json, group) is int position and >= 0)
            {
                throw new CanonicalizationException(CanonicalJsonError.DuplicateKey, position);
            }
        }
    }

    /// <summary>After a failed scan: does any object read so far, closed or still open, repeat a key?</summary>
    private bool HasDuplicateKeySoFar(ReadOnlySpan<byte> json, out int position)
    {
        position = int.MaxValue;
        var tokens = _tokens.AsSpan();
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind == JsonTokenKind.Object && token.Aux != 0 && token.Length > 1)
            {
                CheckGroup(json, _members.AsSpan().Slice(token.Start, token.Length), ref position);
            }
        }

        for (int frame = 0; frame < _keyFrames.Count; frame++)
        {
            int first = _keyFrames.Items[frame];
            int end = frame + 1 < _keyFrames.Count ? _keyFrames.Items[frame + 1] : _keys.Count;
            CheckGroup(json, _keys.Items.AsSpan(first, end - first), ref position);
        }

        return position != int.MaxValue;
    }

    private void CheckGroup(ReadOnlySpan<byte> json, ReadOnlySpan<int> keys, ref int position)
    {
        if (keys.Length < 2)
        {
            return;
        }

        _sortScratch.Truncate(0);
        _sortScratch.EnsureCapacity(keys.Length);
        keys.CopyTo(_sortScratch.Items);
        _sortScratch.Truncate(keys.Length);
        var copy = _sortScratch.AsSpan();
        Sort(json, copy);
        if (FindAdjacentDuplicate(json, copy) is int found and >= 0)
        {
            position = Math.Min(position, found);
        }
    }

    /// <returns>The input position of a repeated key in a sorted group, or -1.</returns>
    private int FindAdjacentDuplicate(ReadOnlySpan<byte> json, ReadOnlySpan<int> sorted)
    {
        var tokens = _tokens.AsSpan();
        for (int k = 1; k < sorted.Length; k++)
        {
            if (KeyBytes(json, tokens[sorted[k - 1]]).SequenceEqual(KeyBytes(json, tokens[sorted[k]])))
            {
                return tokens[Math.Max(sorted[k - 1], sorted[k])].Start;
            }
        }

        return -1;
    }

    /// <summary>Stable merge sort of key token indices (insertion sort for short runs).</summary>
    private void Sort(ReadOnlySpan<byte> json, Span<int> keys)
    {
        const int Run = 12;
        for (int start = 0; start < keys.Length; start += Run)
        {
            InsertionSort(json, keys.Slice(start, Math.Min(Run, keys.Length - start)));
        }

        if (keys.Length <= Run)
        {
            return;
        }

        var buffer = new PooledList<int>(keys.Length);
        try
        {
            var source = keys;
            var target = buffer.Items.AsSpan(0, keys.Length);
            for (int width = Run; width < keys.Length; width *= 2)
            {
                for (int left = 0; left < keys.Length; left += 2 * width)
                {
                    int middle = Math.Min(left + width, keys.Length);
                    int right = Math.Min(left + (2 * width), keys.Length);
                    Merge(json, source[left..middle], source[middle..right], target[left..right]);
                }

                var swap = source;
                source = target;
                target = swap;
            }

            if (source != keys)
            {
                source.CopyTo(keys);
            }
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private void InsertionSort(ReadOnlySpan<byte> json, Span<int> keys)
    {
        for (int k = 1; k < keys.Length; k++)
        {
            int item = keys[k];
            int j = k - 1;
            while (j >= 0 && Compare(json, keys[j], item) > 0)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = item;
        }
    }

    private void Merge(ReadOnlySpan<byte> json, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> into)
    {
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            into[k++] = Compare(json, a[i], b[j]) <= 0 ? a[i++] : b[j++];
        }

        a[i..].CopyTo(into[k..]);
        b[j..].CopyTo(into[(k + a.Length - i)..]);
    }

    private int Compare(ReadOnlySpan<byte> json, int left, int right)
    {
        var tokens = _tokens.AsSpan();
        var x = KeyBytes(json, tokens[left]);
        var y = KeyBytes(json, tokens[right]);
        if (_kernel)
        {
            return x.SequenceCompareTo(y);
        }

        // UTF-16 order equals UTF-8 byte order except where an astral character (lead byte F0..F4)
        // meets one in U+E000..U+FFFF (lead byte EE or EF): surrogates sort before E000.
        int common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length - y.Length;
        }

        byte a = x[common], b = y[common];
        if (a >= 0xF0 && b is 0xEE or 0xEF)
        {
            return -1;
        }

        if (b >= 0xF0 && a is 0xEE or 0xEF)
        {
            return 1;
        }

        return a - b;
    }
}
