namespace RelationshipKit.Differentiation.Rfm;

/// <summary>The figures of one segment in an <see cref="RfmSegmentReport"/>.</summary>
/// <param name="Segment">The segment name.</param>
/// <param name="Customers">The number of customers in the segment.</param>
/// <param name="CustomerShare">The segment's customers divided by all customers, in [0, 1]; 0 when there are no customers.</param>
/// <param name="Revenue">The segment's net revenue.</param>
/// <param name="RevenueShare">The segment's revenue divided by all revenue; 0 when all revenue is 0 (it can be negative or above 1 when refunds make some segments negative).</param>
/// <param name="Orders">The segment's orders (purchase transactions).</param>
/// <param name="AverageOrderValue">Revenue divided by orders; 0 when the segment has no orders.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct RfmSegmentReportRow(
    string Segment,
    int Customers,
    double CustomerShare,
    decimal Revenue,
    double RevenueShare,
    long Orders,
    decimal AverageOrderValue);
