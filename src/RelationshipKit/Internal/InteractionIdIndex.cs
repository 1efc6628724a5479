using RelationshipKit.Interactions;

namespace RelationshipKit.Internal;

/// <summary>
/// The in-memory store's index of interactions by idempotency key: open addressing with linear probing over one
/// array of (hash, interaction) pairs, the key being the interaction's own <see cref="Interaction.Id"/>.
/// </summary>
/// <remarks>
/// <para>Compared with a <see cref="Dictionary{TKey, TValue}"/> of id to interaction, a lookup of a new key touches
/// one place in one array (the dictionary reads a bucket array and then its entries array), an entry is 16 bytes
/// instead of 24 plus a 4-byte bucket, and the key is not stored twice. The stored 32-bit hash (ordinal, randomised
/// per process like <see cref="string.GetHashCode()"/>) is compared first, so a probe reads a stored interaction's id
/// only when the hashes match. Removal shifts the following entries back (no tombstones), so probes stay short after
/// erasures. The load factor stays at or below 0.7.</para>
/// <para>Not thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class InteractionIdIndex
{
    private const int InitialCapacity = 16;

    private Entry[] _entries = new Entry[InitialCapacity];
    private int _count;
    private int _growAt = GrowAt(InitialCapacity);

    /// <summary>How many interactions are indexed.</summary>
    public int Count => _count;

    /// <summary>The hash the index uses for a key.</summary>
    public static int Hash(string id) => id.GetHashCode(StringComparison.Ordinal);

    /// <summary>The interaction stored under <paramref name="id"/>, or <see langword="null"/>.</summary>
    public Interaction? Find(string id)
    {
        int slot = Probe(id, Hash(id));
        return slot >= 0 ? _entries[slot].Item : null;
    }

    /// <summary>
    /// Finds <paramref name="id"/>: the index of its entry (0 or more) when stored; otherwise the complement (a negative
    /// number) of the empty entry where it would go, valid for <see cref="Fill"/> until the index is next changed.
    /// Makes room first, so that the free entry is there.
    /// </summary>
    public int FindSlot(string id, int hash)
    {
        if (_count >= _growAt)
        {
            Grow();
        }

        return Probe(id, hash);
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

    /// <summary>The interaction at an index returned (non-negative) by <see cref="FindSlot"/>.</summary>
    public Interaction At(int slot) => _entries[slot].Item!;

    /// <summary>Stores <paramref name="interaction"/> in the empty entry <paramref name="freeSlot"/> (the complement returned by <see cref="FindSlot"/>).</summary>
    public void Fill(int freeSlot, int hash, Interaction interaction)
    {
        ref Entry entry = ref _entries[~freeSlot];
        entry.Hash = hash;
        entry.Item = interaction;
        _count++;
    }

    /// <summary>Removes the entry of <paramref name="id"/>, if any.</summary>
    /// <returns>Whether it was there.</returns>
    public bool Remove(string id)
    {
        int hole = Probe(id, Hash(id));
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

    private int Probe(string id, int hash)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int i = hash & mask;
        while (true)
        {
            Interaction? item = entries[i].Item;
            if (item is null)
            {
                return ~i;
            }

            if (entries[i].Hash == hash && string.Equals(item.Id, id, StringComparison.Ordinal))
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
        public Interaction? Item;
    }
}
