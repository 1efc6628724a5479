namespace RelationshipKit.Internal;

/// <summary>
/// A hash index of objects by a key they carry themselves (an interaction by its id, a customer's stream by its
/// customer): open addressing with linear probing over one array of (hash, object) pairs.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The indexed objects.</typeparam>
/// <typeparam name="TKeyOf">Tells whether an object has a key (a struct, so that the call is inlined).</typeparam>
/// <remarks>
/// <para>Compared with a <see cref="Dictionary{TKey, TValue}"/> from key to object, a lookup touches one place in
/// one array (the dictionary reads a bucket array and then its entries array), an entry is 16 bytes instead of 24
/// plus a 4-byte bucket, and the key is not stored a second time. The caller supplies the 32-bit hash (randomised
/// per process for strings); it is stored and compared first, so a probe reads a stored object only when the
/// hashes match. Removal shifts the following entries back (no tombstones), so probes stay short after removals.
/// The load factor stays at or below 0.7.</para>
/// <para>Not thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class OpenHashIndex<TKey, TValue, TKeyOf>
    where TValue : class
    where TKeyOf : struct, IKeyOf<TKey, TValue>
{
    private const int InitialCapacity = 16;

    private Entry[] _entries = new Entry[InitialCapacity];
    private int _count;
    private int _growAt = GrowAt(InitialCapacity);

    /// <summary>How many objects are indexed.</summary>
    public int Count => _count;

    /// <summary>The object stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public TValue? Find(TKey key, int hash)
    {
        int slot = Probe(key, hash);
        return slot >= 0 ? _entries[slot].Item : null;
    }

    /// <summary>
    /// Finds <paramref name="key"/>: the index of its entry (0 or more) when stored; otherwise the complement (a negative
    /// number) of the empty entry where it would go, valid for <see cref="Fill"/> until the index is next changed.
    /// Makes room first, so that the free entry is there.
    /// </summary>
    public int FindSlot(TKey key, int hash)
    {
        if (_count >= _growAt)
        {
            Grow();
        }

        return Probe(key, hash);
    }

    /// <summary>Grows now if needed so that <paramref name="additional"/> more entries fit without growing (the slots <see cref="FindSlot"/> returns stay valid meanwhile).</summary>
    public void EnsureRoom(int additional)
    {
        while ((long)_count + additional > _growAt)
        {
            Grow();
        }
    }

    /// <summary>
    /// Reads the home entry of each hash, in a loop of independent loads that the processor overlaps, so that the
    /// probes of a batch that follow find them in cache rather than waiting for memory one at a time.
    /// </summary>
    /// <returns>A value of no meaning (it keeps the loads from being optimised away).</returns>
    public int Touch(ReadOnlySpan<int> hashes)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int sink = 0;
        foreach (int hash in hashes)
        {
            sink ^= entries[hash & mask].Hash;
        }

        return sink;
    }

    /// <summary>The object at an index returned (non-negative) by <see cref="FindSlot"/>.</summary>
    public TValue At(int slot) => _entries[slot].Item!;

    /// <summary>Stores <paramref name="value"/> in the empty entry <paramref name="freeSlot"/> (the complement returned by <see cref="FindSlot"/>).</summary>
    public void Fill(int freeSlot, int hash, TValue value)
    {
        ref Entry entry = ref _entries[~freeSlot];
        entry.Hash = hash;
        entry.Item = value;
        _count++;
    }

    /// <summary>Removes the entry of <paramref name="key"/>, if any.</summary>
    /// <returns>Whether it was there.</returns>
    public bool Remove(TKey key, int hash)
    {
        int hole = Probe(key, hash);
        if (hole < 0)
        {
            return false;
        }

        // Backward-shift deletion: move each following entry of the run into the hole when the hole lies between
        // that entry's home and its current place, so that every remaining key is still reached from its home.
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            if (entries[next].Item is null)
            {
                break;
            }

            int home = entries[next].Hash & mask;
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                entries[hole] = entries[next];
                hole = next;
            }
        }

        entries[hole] = default;
        _count--;
        return true;
    }

    private static int GrowAt(int capacity) => (int)(capacity * 7L / 10);

    private int Probe(TKey key, int hash)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int i = hash & mask;
        while (true)
        {
            TValue? item = entries[i].Item;
            if (item is null)
            {
                return ~i;
            }

            if (entries[i].Hash == hash && default(TKeyOf).Matches(item, key))
            {
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        Entry[] old = _entries;
        var entries = new Entry[old.Length * 2];
        int mask = entries.Length - 1;
        foreach (Entry entry in old)
        {
            if (entry.Item is null)
            {
                continue;
            }

            int i = entry.Hash & mask;
            while (entries[i].Item is not null)
            {
                i = (i + 1) & mask;
            }

            entries[i] = entry;
        }

        _entries = entries;
        _growAt = GrowAt(entries.Length);
    }

    private struct Entry
    {
        public int Hash;
        public TValue? Item;
    }
}

/// <summary>Tells whether an object of an <see cref="OpenHashIndex{TKey, TValue, TKeyOf}"/> has a key.</summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The indexed objects.</typeparam>
internal interface IKeyOf<in TKey, in TValue>
{
    /// <summary>Whether <paramref name="value"/> has the key <paramref name="key"/>.</summary>
    bool Matches(TValue value, TKey key);
}
