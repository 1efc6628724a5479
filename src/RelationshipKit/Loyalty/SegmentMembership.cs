using System.Numerics;

namespace RelationshipKit.Loyalty;

/// <summary>The segments one customer belongs to, as a bit set over a <see cref="SegmentSet"/> (no allocation).</summary>
/// <remarks>Bit <c>i</c> is set when the customer belongs to segment <c>i</c> of <see cref="Set"/>. An immutable value; thread-safe.</remarks>
public readonly record struct SegmentMembership
{
    internal SegmentMembership(SegmentSet set, ulong bits)
    {
        Set = set;
        Bits = bits;
    }

    /// <summary>The segment set evaluated (<see langword="null"/> only for the <see langword="default"/> value).</summary>
    public SegmentSet? Set { get; }

    /// <summary>The membership bits.</summary>
    public ulong Bits { get; }

    /// <summary>How many segments the customer belongs to.</summary>
    public int Count => BitOperations.PopCount(Bits);

    /// <summary>Whether the customer belongs to no segment.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>Tells whether the customer belongs to segment <paramref name="index"/>.</summary>
    /// <param name="index">The segment's position in the set.</param>
    /// <returns><see langword="true"/> for a member.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the set.</exception>
    public bool Contains(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Set?.Count ?? 0);
        return (Bits & (1UL << index)) != 0;
    }

    /// <summary>Tells whether the customer belongs to the named segment.</summary>
    /// <param name="name">The segment's name.</param>
    /// <returns><see langword="true"/> for a member.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The set has no segment of that name.</exception>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = Set?.IndexOf(name) ?? -1;
        return index >= 0 ? (Bits & (1UL << index)) != 0 : throw new ArgumentException($"There is no segment '{name}'.", nameof(name));
    }

    /// <summary>The names of the segments the customer belongs to, in the set's order.</summary>
    /// <returns>A new array of names.</returns>
    public IReadOnlyList<string> GetNames()
    {
        if (Set is null || Bits == 0)
        {
            return [];
        }

        var names = new string[Count];
        int n = 0;
        for (int i = 0; i < Set.Count; i++)
        {
            if ((Bits & (1UL << i)) != 0)
            {
                names[n++] = Set.Segments[i].Name;
            }
        }

        return names;
    }

    /// <summary>The segment names, comma separated.</summary>
    /// <returns>Text for people.</returns>
    public override string ToString() => string.Join(", ", GetNames());
}
