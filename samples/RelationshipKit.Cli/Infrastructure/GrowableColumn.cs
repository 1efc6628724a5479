namespace RelationshipKit.Cli.Infrastructure;

/// <summary>An append-only column that doubles its array when full; <see cref="Array"/> exposes the storage without copying.</summary>
internal struct GrowableColumn<T>
{
    private T[] _items;

    public GrowableColumn(int capacity)
    {
        _items = new T[Math.Max(capacity, 16)];
        Count = 0;
    }

    public int Count { get; private set; }

    /// <summary>The storage; only the first <see cref="Count"/> items are meaningful.</summary>
    public readonly T[] Array => _items;

    public readonly ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    /// <summary>Makes room for <paramref name="capacity"/> items in one step (used once the final size can be estimated).</summary>
    public void EnsureCapacity(long capacity)
    {
        if (capacity > _items.Length)
        {
            System.Array.Resize(ref _items, (int)Math.Min(capacity, System.Array.MaxLength));
        }
    }

    /// <summary>Replaces item <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public readonly void Set(int index, T item) => _items[index] = item;

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = item;
    }

    private void Grow()
    {
        if (Count >= System.Array.MaxLength)
        {
            throw new InvalidOperationException($"More than {System.Array.MaxLength:N0} rows: split the file.");
        }

        int size = (int)Math.Min((long)_items.Length * 2, System.Array.MaxLength);
        System.Array.Resize(ref _items, size);
    }
}
