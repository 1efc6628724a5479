using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// Maps keys given as UTF-8 bytes to dense positions 0, 1, 2, ... in first-seen order, and keeps each key's bytes
/// (<see cref="KeyAt"/>), so that a string is made once per distinct key, never per row. The byte-keyed sibling of
/// <see cref="CustomerKeyIndex"/>, used by <see cref="FastTransactionCsvReader"/>.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over 16-byte slots holding the key's first 8 bytes, its length and its
/// position: a key of up to 8 bytes (most customer ids) is compared within its slot, so a lookup costs one cache
/// miss; longer keys compare their remaining bytes in the key arena. Distinct byte sequences are distinct keys, so
/// for valid UTF-8 distinct keys are distinct strings. The hash mixes the key with a per-process random seed.
/// Callers that know the next keys can <see cref="Prefetch"/> their slots first.
/// <para>Keys that are plain numbers (1 to 9 digits, no leading zero) below a limit set at construction skip the
/// hash table: their position is kept in an array indexed by the number, which grows as needed. Customer numbers are
/// the common case, and such an array is a fraction of the table's size, so that lookups mostly hit the cache. A key
/// is in the array or in the table by its bytes alone, never in both.</para>
/// <para>Not thread-safe.</para>
/// </remarks>
internal sealed class Utf8KeyIndex
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private Slot[] _slots;
    private int _mask;
    private byte[] _arena;
    private int _arenaUsed;
    private int[] _offsets;
    private int[] _lengths;
    private readonly uint _directLimit;
    private int[] _direct = new int[1024]; // number -> position + 1 (0: not seen)

    /// <param name="expectedKeys">The expected number of distinct keys (the table grows beyond it).</param>
    /// <param name="directLimit">Numeric keys below this are kept in the direct array (at most 4 bytes each).</param>
    public Utf8KeyIndex(int expectedKeys = 1024, int directLimit = 1 << 20)
    {
        _directLimit = (uint)Math.Clamp(directLimit, 0, 1 << 28);
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedKeys * 2L, 16, 1 << 30));
        _slots = new Slot[size];
        _mask = size - 1;
        _arena = new byte[Math.Max(1024, expectedKeys * 8)];
        _offsets = new int[Math.Max(16, expectedKeys)];
        _lengths = new int[_offsets.Length];
    }

    /// <summary>The number of distinct keys added.</summary>
    public int Count { get; private set; }

    /// <summary>The first (up to) 8 bytes of <paramref name="key"/>, little-endian, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HeadOf(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(key);
        }

        ulong head = 0;
        for (int i = key.Length - 1; i >= 0; i--)
        {
            head = (head << 8) | key[i];
        }

        return head;
    }

    /// <summary>The first (up to) 8 bytes of the <paramref name="length"/> bytes at <paramref name="key"/>, where at least 8 bytes may be read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HeadOfWide(ref byte key, int length)
    {
        ulong word = Unsafe.ReadUnaligned<ulong>(ref key);
        if (!BitConverter.IsLittleEndian)
        {
            word = BinaryPrimitives.ReverseEndianness(word);
        }

        return length >= 8 ? word : word & ((1UL << (length * 8)) - 1);
    }

    /// <summary>The hash of a key whose <see cref="HeadOf"/> is <paramref name="head"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HashOf(ulong head, ReadOnlySpan<byte> key)
    {
        ulong h = Mix(head ^ Seed) + ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        if (key.Length > 8)
        {
            h = HashTail(h, key);
        }

        return (uint)(h ^ (h >> 32));
    }

    /// <summary>Asks the processor to load the slot of <paramref name="hash"/> into the cache (a hint; no effect without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)(hash & (uint)_mask)]));
        }
    }

    /// <summary>The position of <paramref name="key"/>, adding it with the next position when it is new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        if (IsDirect(key, out uint number))
        {
            return GetOrAddDirect(key, number, out added);
        }

        ulong head = HeadOf(key);
        return GetOrAdd(key, head, HashOf(head, key), out added);
    }

    /// <summary>Whether <paramref name="key"/> is a plain number below the direct limit (then it must be looked up with <see cref="GetOrAddDirect"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDirect(ReadOnlySpan<byte> key, out uint number)
    {
        number = 0;
        if (key.Length is 0 or > 9 || (key[0] == (byte)'0' && key.Length > 1))
        {
            return false;
        }

        uint n = 0;
        foreach (byte b in key)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            n = (n * 10) + digit;
        }

        number = n;
        return n < _directLimit;
    }

    /// <summary>Asks the processor to load the direct entry of <paramref name="number"/> into the cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchDirect(uint number)
    {
        if (Sse.IsSupported && number < (uint)_direct.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _direct[number]));
        }
    }

    /// <summary>The position of <paramref name="key"/>, for which <see cref="IsDirect"/> gave <paramref name="number"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAddDirect(ReadOnlySpan<byte> key, uint number, out bool added)
    {
        if (number >= (uint)_direct.Length)
        {
            Array.Resize(ref _direct, (int)Math.Min(Math.Max(_direct.Length * 2L, number + 1L), _directLimit));
        }

        ref int entry = ref _direct[number];
        if (entry != 0)
        {
            added = false;
            return entry - 1;
        }

        added = true;
        int position = Count;
        Remember(key);
        entry = position + 1;
        return position;
    }

    /// <summary>The position of <paramref name="key"/> (whose head and hash are given), adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key, ulong head, uint hash, out bool added)
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

            if (slot.Head == head && slot.Length == key.Length
                && (key.Length <= 8 || key[8..].SequenceEqual(_arena.AsSpan(_offsets[slot.PositionPlusOne - 1] + 8, key.Length - 8))))
            {
                added = false;
                return slot.PositionPlusOne - 1;
            }

            i = (i + 1) & mask;
        }

        added = true;
        int position = Count;
        Remember(key);
        ref Slot free = ref slots[i];
        free.Head = head;
        free.Length = key.Length;
        free.PositionPlusOne = position + 1;
        if (Count > slots.Length / 2)
        {
            Grow();
        }

        return position;
    }

    /// <summary>The bytes of the key at <paramref name="position"/>.</summary>
    public ReadOnlySpan<byte> KeyAt(int position) => _arena.AsSpan(_offsets[position], _lengths[position]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    private static ulong HashTail(ulong h, ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> rest = key[8..];
        while (rest.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(rest));
            rest = rest[8..];
        }

        if (rest.Length > 0)
        {
            h = Mix(h ^ HeadOf(rest));
        }

        return h;
    }

    private void Remember(ReadOnlySpan<byte> key)
    {
        if (Count == _offsets.Length)
        {
            int size = (int)Math.Min(_offsets.Length * 2L, Array.MaxLength);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _lengths, size);
        }

        if (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(_arena.Length * 2L, _arenaUsed + (long)key.Length)));
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _offsets[Count] = _arenaUsed;
        _lengths[Count] = key.Length;
        _arenaUsed += key.Length;
        Count++;
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

            uint hash = HashOf(s.Head, KeyAt(s.PositionPlusOne - 1));
            int i = (int)(hash & (uint)mask);
            while (slots[i].PositionPlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = s;
        }

        _slots = slots;
        _mask = mask;
    }

    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Slot
    {
        public ulong Head;
        public int Length;
        public int PositionPlusOne; // 0 marks an empty slot
    }
}
