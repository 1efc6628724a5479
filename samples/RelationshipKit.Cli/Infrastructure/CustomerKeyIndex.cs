using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// Maps customer-id text to dense positions 0, 1, 2, ... in first-seen order, looking keys up by span so that no
/// string is made for an id already seen.
/// </summary>
/// <remarks>
/// <para>Why not <c>Dictionary&lt;string, int&gt;</c> with an alternate lookup: on a transaction log in time
/// order every row's customer is a random one of millions, so each lookup is a cache miss, and the dictionary
/// pays three (bucket, entry, string). This table pays one: open addressing with linear probing over 32-byte
/// slots that hold the hash, the position and, for ids of up to 16 ASCII characters, the id itself (longer ids
/// live in a character arena). Callers that know the next keys can <see cref="Prefetch"/> their slots first, so
/// that the misses of a batch of rows overlap. Measured on 10 million lookups of 1 million numeric ids, on a shared
/// machine: dictionary with alternate lookup ~3.0 s CPU, this table ~2.0 s, with batched prefetch ~1.3 s.</para>
/// <para>Not thread-safe.</para>
/// </remarks>
internal sealed class CustomerKeyIndex
{
    private const int InlineBytes = 16;

    private Slot[] _slots;
    private int _mask;
    private char[] _arena = new char[1024];
    private int _arenaUsed;

    public CustomerKeyIndex(int expectedKeys = 1024)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedKeys * 2L, 16, 1 << 30));
        _slots = new Slot[size];
        _mask = size - 1;
    }

    /// <summary>The number of distinct keys added.</summary>
    public int Count { get; private set; }

    /// <summary>The hash of a key, to pass to <see cref="Prefetch"/> and <see cref="GetOrAdd(ReadOnlySpan{char}, uint, out bool)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HashOf(ReadOnlySpan<char> key) => (uint)string.GetHashCode(key, StringComparison.Ordinal);

    /// <summary>Asks the processor to load the first slot of <paramref name="hash"/> into the cache (a hint; no effect without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)(hash & (uint)_mask)]));
        }
    }

    /// <summary>The position of <paramref name="key"/>, adding it with the next position when it is new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key, out bool added) => GetOrAdd(key, HashOf(key), out added);

    /// <summary>The position of <paramref name="key"/> whose <see cref="HashOf"/> is <paramref name="hash"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key, uint hash, out bool added)
    {
        Slot[] slots = _slots;
        int mask = _mask;
        int i = (int)(hash & (uint)mask);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.PositionPlusOne == 0)
            {
                break;
            }

            if (slot.Hash == hash && slot.Length == key.Length && Matches(ref slot, key))
            {
                added = false;
                return slot.PositionPlusOne - 1;
            }

            i = (i + 1) & mask;
        }

        added = true;
        int position = Count++;
        Store(ref slots[i], hash, key, position);
        if (Count > slots.Length / 2)
        {
            Grow();
        }

        return position;
    }

    private bool Matches(ref Slot slot, ReadOnlySpan<char> key)
    {
        if (slot.ArenaOffset >= 0)
        {
            return key.SequenceEqual(_arena.AsSpan(slot.ArenaOffset, slot.Length));
        }

        ReadOnlySpan<byte> bytes = slot.Bytes;
        for (int k = 0; k < key.Length; k++)
        {
            if (bytes[k] != key[k])
            {
                return false;
            }
        }

        return true;
    }

    private void Store(ref Slot slot, uint hash, ReadOnlySpan<char> key, int position)
    {
        slot.Hash = hash;
        slot.PositionPlusOne = position + 1;
        slot.Length = key.Length;
        if (key.Length <= InlineBytes && System.Text.Ascii.IsValid(key))
        {
            slot.ArenaOffset = -1;
            Span<byte> bytes = slot.Bytes;
            for (int k = 0; k < key.Length; k++)
            {
                bytes[k] = (byte)key[k];
            }

            return;
        }

        if (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(_arena.Length * 2L, _arenaUsed + (long)key.Length)));
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        slot.ArenaOffset = _arenaUsed;
        _arenaUsed += key.Length;
    }

    private void Grow()
    {
        Slot[] old = _slots;
        var slots = new Slot[old.Length * 2];
        int mask = slots.Length - 1;
        foreach (ref readonly Slot s in old.AsSpan())
        {
            if (s.PositionPlusOne == 0)
            {
                continue;
            }

            int i = (int)(s.Hash & (uint)mask);
            while (slots[i].PositionPlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = s;
        }

        _slots = slots;
        _mask = mask;
    }

    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct Slot
    {
        public uint Hash;
        public int PositionPlusOne; // 0 marks an empty slot
        public int Length;
        public int ArenaOffset; // -1 when the key is inline
        public InlineKey Bytes;
    }

    [InlineArray(InlineBytes)]
    private struct InlineKey
    {
        private byte _first;
    }
}
