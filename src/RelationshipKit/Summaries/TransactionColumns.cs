namespace RelationshipKit.Summaries;

/// <summary>
/// A transaction log held as columns (struct-of-arrays), the fast input of
/// <see cref="CustomerSummaryBuilder.Build(TransactionColumns, DateTimeOffset, DateTimeOffset?)"/>.
/// Row <c>i</c> is a transaction by <c>Customers[CustomerIndex[i]]</c> at <c>OccurredAt[i]</c> for <c>Amounts[i]</c>.
/// </summary>
/// <remarks>
/// Customers are given once, and rows refer to them by position, so that a log of millions of rows is
/// summarised without hashing a string per row. The columns are borrowed, not copied.
/// </remarks>
public readonly ref struct TransactionColumns
{
    /// <summary>Wraps the columns of a transaction log.</summary>
    /// <param name="customers">The distinct customers the rows refer to.</param>
    /// <param name="customerIndex">For each row, the position of its customer in <paramref name="customers"/>.</param>
    /// <param name="occurredAt">For each row, when it happened.</param>
    /// <param name="amounts">For each row, the amount (negative for a refund).</param>
    /// <param name="orderIds">For each row, its order id or <see langword="null"/>; or empty when the log has no order ids.</param>
    /// <exception cref="ArgumentException">The row columns differ in length; the exception names the column.</exception>
    public TransactionColumns(
        ReadOnlySpan<CustomerId> customers,
        ReadOnlySpan<int> customerIndex,
        ReadOnlySpan<DateTimeOffset> occurredAt,
        ReadOnlySpan<decimal> amounts,
        ReadOnlySpan<string?> orderIds = default)
    {
        if (occurredAt.Length != customerIndex.Length)
        {
            throw new ArgumentException($"The column has {occurredAt.Length} rows but {nameof(customerIndex)} has {customerIndex.Length}.", nameof(occurredAt));
        }

        if (amounts.Length != customerIndex.Length)
        {
            throw new ArgumentException($"The column has {amounts.Length} rows but {nameof(customerIndex)} has {customerIndex.Length}.", nameof(amounts));
        }

        if (!orderIds.IsEmpty && orderIds.Length != customerIndex.Length)
        {
            throw new ArgumentException($"The column has {orderIds.Length} rows but {nameof(customerIndex)} has {customerIndex.Length}; pass an empty span when there are no order ids.", nameof(orderIds));
        }

        Customers = customers;
        CustomerIndex = customerIndex;
        OccurredAt = occurredAt;
        Amounts = amounts;
        OrderIds = orderIds;
    }

    /// <summary>The distinct customers the rows refer to.</summary>
    public ReadOnlySpan<CustomerId> Customers { get; }

    /// <summary>For each row, the position of its customer in <see cref="Customers"/>.</summary>
    public ReadOnlySpan<int> CustomerIndex { get; }

    /// <summary>For each row, when it happened.</summary>
    public ReadOnlySpan<DateTimeOffset> OccurredAt { get; }

    /// <summary>For each row, the amount.</summary>
    public ReadOnlySpan<decimal> Amounts { get; }

    /// <summary>For each row, the order id; empty when the log has none.</summary>
    public ReadOnlySpan<string?> OrderIds { get; }

    /// <summary>The number of rows.</summary>
    public int Count => CustomerIndex.Length;
}
