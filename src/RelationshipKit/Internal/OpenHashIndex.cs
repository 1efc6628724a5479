namespace RelationshipKit.Internal;

/// <summary>
/// A hash index of objects by a key they carry themselves (an interaction by its id, a customer's stream by its
/// customer): extendible hashing over segments, each an open-addressing table with linear probing over an array of
/// (hash, object) pairs and a parallel array of one-byte tags that the probes read.
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
/// allocate their final table (256 segments, 34 MB with the tags) instead of that table plus every smaller one
/// before it (64 MB of fresh pages), and no insert pays for moving all the others. A segment whose keys cannot be
/// told apart by more hash bits (<see cref="MaxDepth"/> of them already in use) doubles instead, so equal hashes
/// are still stored.</para>
/// <para>Each slot also has a tag byte: 0 when the slot is empty, otherwise seven bits of the hash (above the slot's
/// bits) with the high bit set. A probe walks the tags and reads an entry only where the tag matches, so a key
/// that is not there (every new interaction id) is settled by the tags alone, 1 byte per slot instead of 16, which
/// stay in cache far better than the entries; only <see cref="Fill"/> then touches the entry.</para>
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
    private Entry[]? _scratch;
    private byte[]? _scratchTags;

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
                    slots += _directory[i].Tags.Length;
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
    /// Reads the home tag and entry of each hash, in a loop of independent loads that the processor overlaps, so that
    /// the probes and fills of a batch that follow find them in cache rather than waiting for memory one at a time.
    /// </summary>
    /// <returns>A value of no meaning (it keeps the loads from being optimised away).</returns>
    public int Touch(ReadOnlySpan<int> hashes)
    {
        int sink = 0;
        foreach (int hash in hashes)
        {
            Segment segment = SegmentOf(hash);
            int home = hash & (segment.Tags.Length - 1);
            sink ^= segment.Entries[home].Hash ^ segment.Tags[home];
        }

        return sink;
    }

    /// <summary>The object at a slot returned (non-negative) by the last <see cref="FindSlot"/>.</summary>
    public TValue At(int slot) => _probed!.Entries[slot].Item!;

    /// <summary>Stores <paramref name="value"/> in the empty slot <paramref name="freeSlot"/> (the complement returned by the last <see cref="FindSlot"/> for <paramref name="hash"/>).</summary>
    public void Fill(int freeSlot, int hash, TValue value)
    {
        Segment segment = SegmentOf(hash);
        int slot = ~freeSlot;
        segment.Tags[slot] = TagOf(hash);
        ref Entry entry = ref segment.Entries[slot];
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
        byte[] tags = segment.Tags;
        int mask = tags.Length - 1;
        int next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            if (tags[next] == 0)
            {
                break;
            }

            int home = entries[next].Hash & mask;
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                entries[hole] = entries[next];
                tags[hole] = tags[next];
                hole = next;
            }
        }

        entries[hole] = default;
        tags[hole] = 0;
        segment.Count--;
        _count--;
        return true;
    }

    /// <summary>The tag of an occupied slot: hash bits 13 to 19 (above the slot's bits in a segment of <see cref="SegmentCapacity"/>) and the high bit, so never 0.</summary>
    internal static byte TagOf(int hash) => (byte)((((uint)hash >> 13) & 0x7F) | 0x80);

    private static int GrowAt(int capacity) => (int)(capacity * 7L / 10);

    private static int Probe(Segment segment, TKey key, int hash)
    {
        byte[] tags = segment.Tags;
        Entry[] entries = segment.Entries;
        int mask = tags.Length - 1;
        byte tag = TagOf(hash);
        int i = hash & mask;
        while (true)
        {
            byte seen = tags[i];
            if (seen == 0)
            {
                return ~i;
            }

            if (seen == tag)
            {
                ref Entry entry = ref entries[i];
                if (entry.Hash == hash && default(TKeyOf).Matches(entry.Item!, key))
                {
                    return i;
                }
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Puts an entry known to be absent into a segment with room (growth and splits).</summary>
    private static void Insert(Segment segment, in Entry entry, byte tag)
    {
        byte[] tags = segment.Tags;
        int mask = tags.Length - 1;
        int i = entry.Hash & mask;
        while (tags[i] != 0)
        {
            i = (i + 1) & mask;
        }

        tags[i] = tag;
        segment.Entries[i] = entry;
        segment.Count++;
    }

    /// <summary>The segment of a hash: the directory entry of its top <see cref="_depth"/> bits.</summary>
    private Segment SegmentOf(int hash) => _directory[(int)(((ulong)(uint)hash << _depth) >> 32)];

    private void MakeRoom(Segment segment, int hash)
    {
        if (segment.Tags.Length < SegmentCapacity || segment.Depth >= MaxDepth)
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
        byte[] oldTags = segment.Tags;
        segment.Entries = new Entry[old.Length * 2];
        segment.Tags = new byte[old.Length * 2];
        segment.Count = 0;
        for (int j = 0; j < oldTags.Length; j++)
        {
            if (oldTags[j] != 0)
            {
                Insert(segment, old[j], oldTags[j]);
            }
        }
    }

    /// <summary>
    /// Splits a full segment of <see cref="SegmentCapacity"/> slots in two by its next hash bit: a new segment of the
    /// same size takes the keys whose bit is 1 and the upper half of the segment's directory entries; the old segment
    /// is refilled from a copy with the others (the copy is a scratch array kept for the next split).
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
        int capacity = segment.Tags.Length;
        var sibling = new Segment(capacity, depth);
        segment.Depth = depth;
        Entry[] scratch = _scratch is { } s && s.Length == capacity ? s : _scratch = new Entry[capacity];
        byte[] scratchTags = _scratchTags is { } t && t.Length == capacity ? t : _scratchTags = new byte[capacity];
        Array.Copy(segment.Entries, scratch, capacity);
        Array.Copy(segment.Tags, scratchTags, capacity);
        Array.Clear(segment.Entries);
        Array.Clear(segment.Tags);
        segment.Count = 0;
        uint bit = 1u << (32 - depth);
        for (int j = 0; j < capacity; j++)
        {
            if (scratchTags[j] != 0)
            {
                Insert(((uint)scratch[j].Hash & bit) != 0 ? sibling : segment, scratch[j], scratchTags[j]);
            }
        }

        Array.Clear(scratch);

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
        public byte[] Tags = new byte[capacity];

        public Entry[] Entries = new Entry[capacity];

        public int Count;

        public int Depth = depth;

        public int Limit => GrowAt(Tags.Length);
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
