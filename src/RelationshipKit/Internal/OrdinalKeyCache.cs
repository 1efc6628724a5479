namespace RelationshipKit.Internal;

/// <summary>
/// Builds the <see cref="OrdinalKeyColumn"/> of an id array at most once (racing threads may both build it; one
/// result is kept), shared by a table and all its slices.
/// </summary>
internal sealed class OrdinalKeyCache(CustomerId[] ids, int count)
{
    private OrdinalKeyColumn? _column;

    public OrdinalKeyColumn Column => Volatile.Read(ref _column) ?? Build();

    private OrdinalKeyColumn Build()
    {
        var column = new OrdinalKeyColumn(ids.AsSpan(0, count));
        return Interlocked.CompareExchange(ref _column, column, null) ?? column;
    }
}
