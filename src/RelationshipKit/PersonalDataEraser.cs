namespace RelationshipKit;

/// <summary>
/// Erases a customer from every registered <see cref="IPersonalDataStore"/> (right to be forgotten): interactions,
/// preferences and consents, and whatever else a host registers.
/// </summary>
/// <remarks>All members are thread-safe when the stores are.</remarks>
public sealed class PersonalDataEraser
{
    private readonly IPersonalDataStore[] _stores;

    /// <summary>Creates an eraser over the given stores.</summary>
    /// <param name="stores">The stores; each is erased once even if listed twice.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stores"/> or one of them is <see langword="null"/>.</exception>
    public PersonalDataEraser(IEnumerable<IPersonalDataStore> stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var distinct = new List<IPersonalDataStore>();
        foreach (IPersonalDataStore store in stores)
        {
            ArgumentNullException.ThrowIfNull(store, nameof(stores));
            if (!distinct.Contains(store))
            {
                distinct.Add(store);
            }
        }

        _stores = [.. distinct];
    }

    /// <summary>How many stores are erased.</summary>
    public int StoreCount => _stores.Length;

    /// <summary>Erases a customer from every store, one after the other; a failure stops the erasure and is thrown (stores already erased stay erased; erasing again is safe).</summary>
    /// <param name="customerId">The customer to forget.</param>
    /// <param name="cancellationToken">Cancels before the next store is erased.</param>
    /// <returns>One result per store, in registration order.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<IReadOnlyList<ErasureResult>> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        var results = new ErasureResult[_stores.Length];
        for (int i = 0; i < _stores.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = await _stores[i].EraseAsync(customerId, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}
