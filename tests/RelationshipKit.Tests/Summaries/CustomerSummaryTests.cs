using RelationshipKit.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Summaries;

public sealed class CustomerSummaryTests
{
    private static readonly CustomerId A = Id("a");

    [Fact]
    public void Create_ValidValues_KeepsThem()
    {
        var holdout = new HoldoutSummary(2, 12.5m, 39);
        CustomerSummary s = CustomerSummary.Create(A, 3, 10.5, 20, TimeUnit.Week, 7.25m, holdout);
        s.CustomerId.Should().Be(A);
        s.Frequency.Should().Be(3);
        s.Recency.Should().Be(10.5);
        s.T.Should().Be(20);
        s.TimeUnit.Should().Be(TimeUnit.Week);
        s.MonetaryValue.Should().Be(7.25m);
        s.Holdout.Should().Be(holdout);
        s.History.Should().BeNull("a summary made from statistics has no purchase history");
    }

    [Fact]
    public void Create_Boundaries_Accepted()
    {
        CustomerSummary.Create(A, 0, 0, 0, TimeUnit.Day).Frequency.Should().Be(0);
        CustomerSummary.Create(A, 2, 5, 5, TimeUnit.Day, -3m).MonetaryValue.Should().Be(-3m, "refunds may make the mean repeat spend negative");
        CustomerSummary.Create(A, 0, 0, 1, TimeUnit.Day, 0m, new HoldoutSummary(0, 0m, 0)).Holdout!.Value.Frequency.Should().Be(0);
    }

    [Fact]
    public void Create_DefaultCustomerId_ThrowsNamingCustomerId()
    {
        Action act = () => CustomerSummary.Create(default, 1, 1, 2, TimeUnit.Day);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("customerId");
    }

    [Fact]
    public void Create_NegativeFrequency_ThrowsNamingFrequency()
    {
        Action act = () => CustomerSummary.Create(A, -1, 0, 2, TimeUnit.Day);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("frequency");
    }

    [Theory]
    [InlineData(-0.5, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(1, 0)]
    public void Create_InvalidRecency_ThrowsNamingRecency(double recency, int frequency)
    {
        Action act = () => CustomerSummary.Create(A, frequency, recency, 10, TimeUnit.Day);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("recency");
    }

    [Theory]
    [InlineData(4.99)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void Create_InvalidT_ThrowsNamingT(double t)
    {
        Action act = () => CustomerSummary.Create(A, 2, 5, t, TimeUnit.Day);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("t");
    }

    [Fact]
    public void Create_UndefinedTimeUnit_ThrowsNamingTimeUnit()
    {
        Action act = () => CustomerSummary.Create(A, 1, 1, 2, (TimeUnit)17);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("timeUnit");
    }

    [Fact]
    public void Create_MonetaryValueWithoutRepeats_ThrowsNamingMonetaryValue()
    {
        Action act = () => CustomerSummary.Create(A, 0, 0, 2, TimeUnit.Day, 5m);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("monetaryValue");
    }

    [Theory]
    [InlineData(-1, 0, 10)]
    [InlineData(1, 0, -1)]
    [InlineData(1, 0, double.NaN)]
    [InlineData(1, 0, double.PositiveInfinity)]
    [InlineData(0, 5, 10)]
    public void Create_InvalidHoldout_ThrowsNamingHoldout(int frequency, int monetary, double duration)
    {
        Action act = () => CustomerSummary.Create(A, 1, 1, 2, TimeUnit.Day, 1m, new HoldoutSummary(frequency, monetary, duration));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("holdout");
    }

    [Fact]
    public void Equals_SameValues_EqualAndSameHash()
    {
        CustomerSummary x = CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Week, 5m, new HoldoutSummary(1, 2m, 3));
        CustomerSummary y = CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Week, 5.00m, new HoldoutSummary(1, 2m, 3));
        x.Equals(y).Should().BeTrue();
        x.Equals((object)y).Should().BeTrue();
        x.GetHashCode().Should().Be(y.GetHashCode());
        x.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Equals_AnyFieldDifferent_NotEqual()
    {
        CustomerSummary x = CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Week, 5m);
        x.Should().NotBe(CustomerSummary.Create(Id("b"), 2, 3, 4, TimeUnit.Week, 5m));
        x.Should().NotBe(CustomerSummary.Create(A, 1, 3, 4, TimeUnit.Week, 5m));
        x.Should().NotBe(CustomerSummary.Create(A, 2, 2, 4, TimeUnit.Week, 5m));
        x.Should().NotBe(CustomerSummary.Create(A, 2, 3, 5, TimeUnit.Week, 5m));
        x.Should().NotBe(CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Day, 5m));
        x.Should().NotBe(CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Week, 6m));
        x.Should().NotBe(CustomerSummary.Create(A, 2, 3, 4, TimeUnit.Week, 5m, new HoldoutSummary(0, 0m, 1)));
    }

    [Fact]
    public void ToString_IsInvariantAndNamesTheFigures()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            CustomerSummary.Create(A, 2, 1.5, 4.25, TimeUnit.Week, 5.5m).ToString().Should().Be("a: x=2, t_x=1.5, T=4.25 Weeks, m=5.5");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
