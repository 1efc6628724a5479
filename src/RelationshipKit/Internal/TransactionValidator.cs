using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>The input rules of <see cref="CustomerSummaryOptions"/>, applied to one transaction.</summary>
internal readonly struct TransactionValidator
{
    private readonly decimal _min;
    private readonly decimal _max;
    private readonly long _latestUtcTicks;

    public TransactionValidator(CustomerSummaryOptions options, TimeProvider timeProvider)
    {
        _min = options.MinimumAmount;
        _max = options.MaximumAmount;
        DateTimeOffset now = timeProvider.GetUtcNow();
        long latest = now.UtcTicks + options.FutureTolerance.Ticks;
        _latestUtcTicks = latest < now.UtcTicks || latest > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue.UtcTicks : latest;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    public void Check(CustomerId customerId, DateTimeOffset occurredAt, decimal amount, string? orderId, long index)
    {
        if (customerId.IsEmpty)
        {
            throw new InvalidTransactionException(nameof(Transaction.CustomerId), At(index, "The customer id is empty."), index);
        }

        if (occurredAt == default)
        {
            throw new InvalidTransactionException(nameof(Transaction.OccurredAt), At(index, $"Customer '{customerId}': the timestamp is the default value (0001-01-01)."), index);
        }

        if (occurredAt.UtcTicks > _latestUtcTicks)
        {
            throw new InvalidTransactionException(
                nameof(Transaction.OccurredAt),
                At(index, $"Customer '{customerId}': the transaction is dated {occurredAt:O}, after now ({Now:O}) plus the future tolerance."),
                index);
        }

        if (amount < _min || amount > _max)
        {
            throw new InvalidTransactionException(
                nameof(Transaction.Amount),
                At(index, $"Customer '{customerId}': the amount {amount} is outside the accepted range [{_min}, {_max}]."),
                index);
        }

        if (orderId is not null && string.IsNullOrWhiteSpace(orderId))
        {
            throw new InvalidTransactionException(nameof(Transaction.OrderId), At(index, $"Customer '{customerId}': the order id is empty or white space; use null for none."), index);
        }
    }

    public static InvalidTransactionException OrderConflict(CustomerId customerId, string orderId, long index) =>
        new(
            nameof(Transaction.OrderId),
            At(index, $"Customer '{customerId}': order id '{orderId}' was already seen with a different timestamp or amount."),
            index);

    private static string At(long index, string message) =>
        index >= 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Transaction {index}: {message}") : message;
}
