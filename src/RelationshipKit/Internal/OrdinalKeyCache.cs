namespace RelationshipKit.Internal;

/// <summary>
/// Builds the <see cref="OrdinalKeyColumn"/> of an id array at most once (racing threads may both build it; one
/// result is kept), shared by a table and all its slices. Span scoring asks for it with <see cref="ColumnOnReuse"/>.
/// </summary>
internal sealed class OrdinalKeyCache(CustomerId[] ids, int count)
{
    private OrdinalKeyColumn? _column;
    private int _requests;

    public OrdinalKeyColumn Column => Volatile.Read(ref _column) ?? Build();

    /// <summary>
    /// The column from the second request on (built then); <see langword="null"/> at the first. A table scored once
    /// (a fresh population scored right after its fit) reads only its tied customers' strings, fewer than building
    /// the column would; a table scored again gets the column.
    /// </summary>
    public OrdinalKeyColumn? ColumnOnReuse() =>
        Volatile.Read(ref _column) ?? (Interlocked.Increment(ref _requests) >= 2 ? Build() : null);

    private OrdinalKeyColumn Build()
    {
        var column = new OrdinalKeyColumn(ids.AsSpan(0, count));
        return Interlocked.CompareExchange(ref _column, column, null) ?? column;
    }
}
