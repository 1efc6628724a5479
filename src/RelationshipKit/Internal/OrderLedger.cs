namespace RelationshipKit.Internal;

/// <summary>
/// The order ids seen for one customer. A purchase's order id identifies it: the same id again with the same
/// timestamp and amount is a replay, with anything else a conflict. Refunds may share their purchase's order id
/// (and each other's, for partial refunds): a refund is a replay only when id, timestamp and amount all repeat.
/// </summary>
internal sealed class OrderLedger
{
    private readonly Dictionary<string, (long Ticks, decimal Amount, long Row)> _purchases = new(StringComparer.Ordinal);
    private readonly HashSet<(string, long, decimal)> _refunds = [];

    public void Clear()
    {
        _purchases.Clear();
        _refunds.Clear();
    }

    /// <summary>
    /// True the first time; false for a replay; throws <see cref="InvalidTransactionException"/> on a conflict. A batch
    /// visits rows in time order, so the conflict names the later of the two rows in the input, not the later in time.
    /// </summary>
    public bool FirstSighting(CustomerId customer, string orderId, DateTimeOffset at, decimal amount, long row)
    {
        if (amount < 0m)
        {
            return _refunds.Add((orderId, at.UtcTicks, amount));
        }

        if (_purchases.TryGetValue(orderId, out (long Ticks, decimal Amount, long Row) previous))
        {
            return previous.Ticks == at.UtcTicks && previous.Amount == amount
                ? false
                : throw TransactionValidator.OrderConflict(customer, orderId, Math.Max(row, previous.Row));
        }

        _purchases.Add(orderId, (at.UtcTicks, amount, row));
        return true;
    }
}
