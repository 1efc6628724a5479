using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>The input rules of <see cref="CustomerSummaryOptions"/>, applied to one transaction.</summary>
internal readonly struct TransactionValidator
{
    private readonly decimal _min;
    private readonly decimal _max;
    private readonly long _latestUtcTicks;

    private readonly AmountRange? _amountRange;

    /// <summary>Reads the rules from <paramref name="options"/> and "now" from <paramref name="timeProvider"/>.</summary>
    /// <param name="options">The rules.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="amountRange">The options' amount range, precomputed, for <see cref="Accepts"/>; <see langword="null"/> to compare decimals.</param>
    public TransactionValidator(CustomerSummaryOptions options, TimeProvider timeProvider, AmountRange? amountRange = null)
    {
        _amountRange = amountRange;
        _min = options.MinimumAmount;
        _max = options.MaximumAmount;
        DateTimeOffset now = timeProvider.GetUtcNow();
        long latest = now.UtcTicks + options.FutureTolerance.Ticks;
        _latestUtcTicks = latest < now.UtcTicks || latest > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue.UtcTicks : latest;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    /// <summary>The latest UTC ticks that <see cref="Accepts"/> lets through ("now" plus the future tolerance), for loops that inline the check.</summary>
    public long LatestUtcTicks => _latestUtcTicks;

    /// <summary>The smallest amount accepted, in hundredths rounded up (clamped to the range of <see langword="long"/>).</summary>
    public long MinimumHundredths => _min <= -1e16m ? long.MinValue : (long)decimal.Ceiling(_min * 100m);

    /// <summary>The largest amount accepted, in hundredths rounded down (clamped to the range of <see langword="long"/>).</summary>
    public long MaximumHundredths => _max >= 1e16m ? long.MaxValue : (long)decimal.Floor(_max * 100m);

    public void Check(CustomerId customerId, DateTimeOffset occurredAt, decimal amount, string? orderId, long index)
    {
        CheckCustomer(customerId, index);
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

    /// <summary>
    /// Whether <see cref="Check"/> would pass these values, the customer id aside: the batch builder's per-row test,
    /// which checks each customer id once (<see cref="CheckCustomer"/>) and calls <see cref="Check"/> only to throw.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Accepts(in DateTimeOffset occurredAt, in decimal amount, string? orderId) =>
        occurredAt.UtcTicks != 0 // occurredAt != default, which compares UTC ticks
        && occurredAt.UtcTicks <= _latestUtcTicks
        && (_amountRange?.Contains(amount) ?? (amount >= _min && amount <= _max))
        && (orderId is null || !string.IsNullOrWhiteSpace(orderId));

    /// <summary>The customer-id rule of <see cref="Check"/> alone, with the same message.</summary>
    public static void CheckCustomer(CustomerId customerId, long index)
    {
        if (customerId.IsEmpty)
        {
            throw EmptyCustomer(index);
        }
    }

    /// <summary>The error of <see cref="CheckCustomer"/> for an empty (default) customer id.</summary>
    public static InvalidTransactionException EmptyCustomer(long index) =>
        new(nameof(Transaction.CustomerId), At(index, "The customer id is empty."), index);

    public static InvalidTransactionException OrderConflict(CustomerId customerId, string orderId, long index) =>
        new(
            nameof(Transaction.OrderId),
            At(index, $"Customer '{customerId}': order id '{orderId}' was already seen with a different timestamp or amount."),
            index);

    private static string At(long index, string message) =>
        index >= 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Transaction {index}: {message}") : message;
}
