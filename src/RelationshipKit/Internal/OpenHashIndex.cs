namespace RelationshipKit.Internal;

/// <summary>
/// A hash index of objects by a key they carry themselves (an interaction by its id, a customer's stream by its
/// customer): extendible hashing over segments, each an open-addressing table with linear probing over an array of
/// (hash, object) pairs.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
/// <typeparam name="TValue">The indexed objects.</typeparam>
/// <typeparam name="TKeyOf">Tells whether an object has a key (a struct, so that the call is inlined).</typeparam>
/// <remarks>
/// <para>Compared with a <see cref="Dictionary{TKey, TValue}"/> from key to object, an entry is 16 bytes instead of 24
/// plus a 4-byte bucket, and the key is not stored a second time. The caller supplies the 32-bit hash (randomised
/// per process for strings); it is stored and compared first, so a probe reads a stored object only when the
/// hashes match. Removal shifts the following entries back (no tombstones), so probes stay short after removals.
/// The load factor of every segment stays at or below 0.7.</para>
/// <para>Growth without copying the whole table: the top bits of a hash pick a segment through a small directory,
/// the low bits the slot inside it. A small index is one segment that doubles like an ordinary table; once a
/// segment has <see cref="SegmentCapacity"/> slots it splits instead: a new segment of the same size takes the keys
/// whose next hash bit is 1, the directory (doubled when needed) sends that half of the hashes to it, and the old
/// segment keeps its arrays (refilled in place). Each slot's memory is allocated once, so a million well-spread keys
/// allocate their final table (256 segments, 32 MB) instead of that table plus every smaller one
/// before it (64 MB of fresh pages), and no insert pays for moving all the others. A segment whose keys cannot be
/// told apart by more hash bits (<see cref="MaxDepth"/> of them already in use) doubles instead, so equal hashes
/// are still stored.</para>
/// <para>A probe reads one place of one array per step (no separate array of tags or metadata): a new key, the
/// common case of an interaction append, costs one random cache line, which <see cref="Fill"/> then writes.</para>
/// <para>Not thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class OpenHashIndex<TKey, TValue, TKeyOf>
    where TValue : class
    where TKeyOf : struct, IKeyOf<TKey, TValue>
{
    /// <summary>The slots of a segment that splits rather than doubling (a power of two; 128 KB of entries, on the large-object heap).</summary>
    internal const int SegmentCapacity = 8192;

    /// <summary>The most top hash bits the directory uses (at most 2^16 segments).</summary>
    internal const int MaxDepth = 16;

    private const int InitialCapacity = 16;

    private Segment[] _directory = [new Segment(InitialCapacity, 0)];
    private int _depth;
    private int _count;
    private Segment? _probed;

    /// <summary>How many objects are indexed.</summary>
    public int Count => _count;

    /// <summary>How many segments there are (for tests).</summary>
    internal int SegmentCount
    {
        get
        {
            int segments = 0;
            for (int i = 0; i < _directory.Length; i++)
            {
                if (i == 0 || !ReferenceEquals(_directory[i], _directory[i - 1]))
                {
                    segments++;
                }
            }

            return segments;
        }
    }

    /// <summary>How many slots there are over all segments (for tests).</summary>
    internal long Capacity
    {
        get
        {
            long slots = 0;
            for (int i = 0; i < _directory.Length; i++)
            {
                if (i == 0 || !ReferenceEquals(_directory[i], _directory[i - 1]))
                {
                    slots += _directory[i].Entries.Length;
                }
            }

            return slots;
        }
    }

    /// <summary>The object stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public TValue? Find(TKey key, int hash)
    {
        Segment segment = SegmentOf(hash);
        int slot = Probe(segment, key, hash);
        return slot >= 0 ? segment.Entries[slot].Item : null;
    }

    /// <summary>
    /// Finds <paramref name="key"/>: a slot (0 or more) for <see cref="At"/> when stored; otherwise the complement (a
    /// negative number) of the empty slot where it would go, for <see cref="Fill"/> with the same hash. Makes room
    /// first, so that the free slot is there. The result is valid until the index is next changed or probed by this
    /// method.
    /// </summary>
    public int FindSlot(TKey key, int hash)
    {
        Segment segment = SegmentOf(hash);
        while (segment.Count >= segment.Limit)
        {
            MakeRoom(segment, hash);
            segment = SegmentOf(hash);
        }

        _probed = segment;
        return Probe(segment, key, hash);
    }

    /// <summary>
    /// Reads the home entry of each hash, in a loop of independent loads that the processor overlaps, so that
    /// the probes and fills of a batch that follow find them in cache rather than waiting for memory one at a time.
    /// </summary>
    /// <returns>A value of no meaning (it keeps the loads from being optimised away).</returns>
    public int Touch(ReadOnlySpan<int> hashes)
    {
        int sink = 0;
        foreach (int hash in hashes)
        {
            Segment segment = SegmentOf(hash);
            Entry[] entries = segment.Entries;
            sink ^= entries[hash & (entries.Length - 1)].Hash;
        }

        return sink;
    }

    /// <summary>The object at a slot returned (non-negative) by the last <see cref="FindSlot"/>.</summary>
    public TValue At(int slot) => _probed!.Entries[slot].Item!;

    /// <summary>Stores <paramref name="value"/> in the empty slot <paramref name="freeSlot"/> (the complement returned by the last <see cref="FindSlot"/> for <paramref name="hash"/>).</summary>
    public void Fill(int freeSlot, int hash, TValue value)
    {
        Segment segment = SegmentOf(hash);
        ref Entry entry = ref segment.Entries[~freeSlot];
        entry.Hash = hash;
        entry.Item = value;
        segment.Count++;
        _count++;
    }

    /// <summary>Removes the entry of <paramref name="key"/>, if any.</summary>
    /// <returns>Whether it was there.</returns>
    public bool Remove(TKey key, int hash)
    {
        Segment segment = SegmentOf(hash);
        int hole = Probe(segment, key, hash);
        if (hole < 0)
        {
            return false;
        }

        // Backward-shift deletion: move each following entry of the run into the hole when the hole lies between
        // that entry's home and its current place, so that every remaining key is still reached from its home.
        Entry[] entries = segment.Entries;
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
        segment.Count--;
        _count--;
        return true;
    }

    private static int GrowAt(int capacity) => (int)(capacity * 7L / 10);

    private static int Probe(Segment segment, TKey key, int hash)
    {
        Entry[] entries = segment.Entries;
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

    /// <summary>Puts an entry known to be absent into a segment with room (growth and splits).</summary>
    private static void Insert(Segment segment, in Entry entry)
    {
        Entry[] entries = segment.Entries;
        int mask = entries.Length - 1;
        int i = entry.Hash & mask;
        while (entries[i].Item is not null)
        {
            i = (i + 1) & mask;
        }

        entries[i] = entry;
        segment.Count++;
    }

    /// <summary>The segment of a hash: the directory entry of its top <see cref="_depth"/> bits.</summary>
    private Segment SegmentOf(int hash) => _directory[(int)(((ulong)(uint)hash << _depth) >> 32)];

    private void MakeRoom(Segment segment, int hash)
    {
        if (segment.Entries.Length < SegmentCapacity || segment.Depth >= MaxDepth)
        {
            Double(segment);
        }
        else
        {
            Split(segment, hash);
        }
    }

    /// <summary>Doubles a segment in place (new arrays, the same directory entries).</summary>
    private static void Double(Segment segment)
    {
        Entry[] old = segment.Entries;
        segment.Entries = new Entry[old.Length * 2];
        segment.Count = 0;
        foreach (Entry entry in old)
        {
            if (entry.Item is not null)
            {
                Insert(segment, entry);
            }
        }
    }

    /// <summary>
    /// Splits a full segment of <see cref="SegmentCapacity"/> slots in two by its next hash bit: a new segment of the
    /// same size takes the keys whose bit is 1 and the upper half of the segment's directory entries; the others are
    /// put back in place.
    /// </summary>
    private void Split(Segment segment, int hash)
    {
        if (segment.Depth == _depth)
        {
            Segment[] old = _directory;
            var directory = new Segment[old.Length * 2];
            for (int i = 0; i < directory.Length; i++)
            {
                directory[i] = old[i >> 1];
            }

            _directory = directory;
            _depth++;
        }

        int depth = segment.Depth + 1;
        Entry[] entries = segment.Entries;
        int capacity = entries.Length;
        int mask = capacity - 1;
        var sibling = new Segment(capacity, depth);
        segment.Depth = depth;

        // Move the keys whose next bit is 1 to the sibling, leaving holes. Note a slot that was empty before any
        // move: no probe run crosses it (a hole left by a move may lie inside one).
        uint bit = 1u << (32 - depth);
        int empty = -1;
        for (int j = 0; j < capacity; j++)
        {
            ref Entry entry = ref entries[j];
            if (entry.Item is null)
            {
                empty = j;
            }
            else if (((uint)entry.Hash & bit) != 0)
            {
                Insert(sibling, entry);
                entry = default;
                segment.Count--;
            }
        }

        // The holes may cut the probe runs of the keys that stay: walking once round from the slot that was empty
        // before the moves, take each key out and put it back from its home. No run crosses that slot, so everything
        // before a key in its run is already in place: it lands at or before its old slot, and no key is read twice.
        // (Starting from a hole left by a move would process a run's tail before its head, and a head key put back
        // earlier in its run could leave a hole before a tail key already placed.)
        for (int k = 1; k <= capacity; k++)
        {
            int j = (empty + k) & mask;
            if (entries[j].Item is null)
            {
                continue;
            }

            Entry entry = entries[j];
            int home = entry.Hash & mask;
            if (home == j)
            {
                continue;
            }

            entries[j] = default;
            int i = home;
            while (entries[i].Item is not null)
            {
                i = (i + 1) & mask;
            }

            entries[i] = entry;
        }

        // The segment had the directory entries of its old prefix: a run of 2^(_depth - old depth) entries around
        // this hash's entry. The upper half of the run (next bit 1) now goes to the sibling.
        int run = 1 << (_depth - depth + 1);
        int start = (int)(((ulong)(uint)hash << _depth) >> 32) & ~(run - 1);
        for (int i = start + (run >> 1); i < start + run; i++)
        {
            _directory[i] = sibling;
        }
    }

    private struct Entry
    {
        public int Hash;
        public TValue? Item;
    }

    /// <summary>One open-addressing table; <see cref="Depth"/> top hash bits are the same for all its keys.</summary>
    private sealed class Segment(int capacity, int depth)
    {
        public Entry[] Entries = new Entry[capacity];

        public int Count;

        public int Depth = depth;

        public int Limit => GrowAt(Entries.Length);
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
