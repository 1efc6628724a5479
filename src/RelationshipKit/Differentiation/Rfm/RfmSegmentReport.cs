namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// Customers, revenue and average order value per RFM segment, made by <see cref="RfmModel.CreateSegmentReport"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RfmSegmentReport
{
    private readonly RfmSegmentReportRow[] _rows;

    private RfmSegmentReport(RfmSegmentReportRow[] rows, int customers, decimal revenue, long orders)
    {
        _rows = rows;
        Customers = customers;
        Revenue = revenue;
        Orders = orders;
    }

    /// <summary>One row per segment of the table, in the table's order, including segments with no customer.</summary>
    public IReadOnlyList<RfmSegmentReportRow> Rows => _rows;

    /// <summary>All customers.</summary>
    public int Customers { get; }

    /// <summary>All net revenue.</summary>
    public decimal Revenue { get; }

    /// <summary>All orders.</summary>
    public long Orders { get; }

    /// <summary>Gets the row of a segment.</summary>
    /// <param name="segment">The segment name.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">The report has no such segment; the message lists the segments.</exception>
    public RfmSegmentReportRow this[string segment]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(segment);
            foreach (RfmSegmentReportRow row in _rows)
            {
                if (string.Equals(row.Segment, segment, StringComparison.Ordinal))
                {
                    return row;
                }
            }

            throw new KeyNotFoundException($"The report has no segment '{segment}'. Segments: {string.Join(", ", _rows.Select(r => $"'{r.Segment}'"))}.");
        }
    }

    internal static RfmSegmentReport Create(IReadOnlyList<string> segments, int[] customers, decimal[] revenue, long[] orders)
    {
        int totalCustomers = customers.Sum();
        decimal totalRevenue = revenue.Sum();
        long totalOrders = orders.Sum();
        var rows = new RfmSegmentReportRow[segments.Count];
        for (int s = 0; s < rows.Length; s++)
        {
            rows[s] = new RfmSegmentReportRow(
                segments[s],
                customers[s],
                totalCustomers == 0 ? 0d : (double)customers[s] / totalCustomers,
                revenue[s],
                totalRevenue == 0m ? 0d : (double)(revenue[s] / totalRevenue),
                orders[s],
                orders[s] == 0 ? 0m : revenue[s] / orders[s]);
        }

        return new RfmSegmentReport(rows, totalCustomers, totalRevenue, totalOrders);
    }
}
