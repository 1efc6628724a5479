namespace RelationshipKit.Internal;

/// <summary>
/// A column of 16-byte ordinal keys for a column of customer ids: the common prefix P of all the ids, and per id the
/// first eight UTF-16 units after P (<see cref="OrdinalPrefix"/>). Two ids of the column order as their keys when the
/// keys differ, so comparing an id with a fixed id (an RFM tie-breaker) reads 16 bytes of a sequential column
/// instead of the id's string, which lies anywhere in the heap.
/// </summary>
/// <remarks>Immutable once built, so thread-safe. Built by <see cref="OrdinalKeyCache"/>, once per column.</remarks>
internal sealed class OrdinalKeyColumn
{
    public OrdinalKeyColumn(ReadOnlySpan<CustomerId> ids)
    {
        string first = ids.IsEmpty ? string.Empty : ids[0].Value;
        int common = first.Length;
        for (int i = 1; i < ids.Length && common > 0; i++)
        {
            string id = ids[i].Value;
            common = first.AsSpan(0, Math.Min(common, id.Length)).CommonPrefixLength(id);
        }

        CommonPrefix = first[..common];
        Keys = new OrdinalPrefix[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            Keys[i] = OrdinalPrefix.Of(ids[i].Value.AsSpan(common));
        }
    }

    /// <summary>The longest prefix shared by every id of the column.</summary>
    public string CommonPrefix { get; }

    /// <summary>Per id, its first eight units after <see cref="CommonPrefix"/>.</summary>
    public OrdinalPrefix[] Keys { get; }

    /// <summary>
    /// How every id of the column compares with <paramref name="other"/>: decided for all of them by the common prefix
    /// (+1: all sort after it; -1: none does), or 0 with the key that <paramref name="other"/> would have in this
    /// column, to be compared with each id's key (and the strings when the keys are equal).
    /// </summary>
    public (int Decided, OrdinalPrefix Key) Against(string other)
    {
        string prefix = CommonPrefix;
        int m = Math.Min(other.Length, prefix.Length);
        int d = prefix.AsSpan(0, m).CommonPrefixLength(other.AsSpan(0, m));
        if (d < m)
        {
            return (prefix[d] > other[d] ? 1 : -1, default);
        }

        if (other.Length < prefix.Length)
        {
            return (1, default); // other is a proper prefix of every id
        }

        return (0, OrdinalPrefix.Of(other.AsSpan(prefix.Length)));
    }
}
