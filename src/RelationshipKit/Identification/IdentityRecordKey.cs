namespace RelationshipKit.Identification;

/// <summary>Identifies one <see cref="IdentityRecord"/>: the source system and the record's id in that source.</summary>
/// <remarks>
/// Compared ordinally and case-sensitively; ordered by source, then record id (ordinal). The order decides
/// nothing but tie-breaks, so that every result is the same whatever order the records came in.
/// An immutable value; thread-safe.
/// </remarks>
/// <param name="Source">The source system or channel (e.g. <c>web</c>, <c>store</c>).</param>
/// <param name="SourceRecordId">The record's id in that source.</param>
public readonly record struct IdentityRecordKey(string Source, string SourceRecordId) : IComparable<IdentityRecordKey>
{
    /// <inheritdoc />
    public int CompareTo(IdentityRecordKey other)
    {
        int c = string.CompareOrdinal(Source, other.Source);
        return c != 0 ? c : string.CompareOrdinal(SourceRecordId, other.SourceRecordId);
    }

    /// <summary>Orders two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(IdentityRecordKey left, IdentityRecordKey right) => left.CompareTo(right) < 0;

    /// <summary>Orders two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(IdentityRecordKey left, IdentityRecordKey right) => left.CompareTo(right) > 0;

    /// <summary>Orders two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(IdentityRecordKey left, IdentityRecordKey right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(IdentityRecordKey left, IdentityRecordKey right) => left.CompareTo(right) >= 0;

    /// <summary>Returns <c>source/id</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Source + "/" + SourceRecordId;
}
