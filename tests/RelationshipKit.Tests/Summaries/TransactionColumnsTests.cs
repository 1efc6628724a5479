using RelationshipKit.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Summaries;

public sealed class TransactionColumnsTests
{
    private static readonly CustomerId[] Customers = [Id("a")];

    private static string? MismatchParam(int times, int amounts, int orders)
    {
        try
        {
            _ = new TransactionColumns(Customers, new int[3], new DateTimeOffset[times], new decimal[amounts], new string?[orders]);
            return null;
        }
        catch (ArgumentException ex)
        {
            ex.Message.Should().Contain("rows");
            return ex.ParamName;
        }
    }

    [Fact]
    public void Constructor_OccurredAtLengthMismatch_ThrowsNamingOccurredAt() =>
        MismatchParam(2, 3, 3).Should().Be("occurredAt");

    [Fact]
    public void Constructor_AmountsLengthMismatch_ThrowsNamingAmounts() =>
        MismatchParam(3, 4, 3).Should().Be("amounts");

    [Fact]
    public void Constructor_OrderIdsLengthMismatch_ThrowsNamingOrderIds() =>
        MismatchParam(3, 3, 1).Should().Be("orderIds");

    [Fact]
    public void Constructor_EmptyOrderIds_MeansNone()
    {
        MismatchParam(3, 3, 0).Should().BeNull();
        var columns = new TransactionColumns(Customers, new int[2], new DateTimeOffset[2], new decimal[2]);
        columns.Count.Should().Be(2);
        columns.OrderIds.IsEmpty.Should().BeTrue();
        columns.Customers.Length.Should().Be(1);
    }
}
