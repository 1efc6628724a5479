using System.Runtime.CompilerServices;
using RelationshipKit.Differentiation;

namespace RelationshipKit.Tests.Differentiation;

public sealed class CustomerValueTests
{
    private static readonly CustomerId Id = new("C1");

    [Fact]
    public void Layout_IsOneCacheLine()
    {
        // Span scoring writes one value per customer: the layout is part of its speed.
        Unsafe.SizeOf<CustomerValue>().Should().Be(64);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Constructor_NonFiniteScore_ThrowsNamingScore(double score)
    {
        Action act = () => _ = new CustomerValue(Id, score);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("score");
    }

    [Fact]
    public void Constructor_ScoreOnly_HasNoOptionalFigures()
    {
        var value = new CustomerValue(Id, 3.5);

        value.CustomerId.Should().Be(Id);
        value.Score.Should().Be(3.5);
        value.Rfm.Should().BeNull();
        value.Segment.Should().BeNull();
        value.Tier.Should().BeNull();
        value.ProbabilityAlive.Should().BeNull();
        value.ExpectedPurchases.Should().BeNull();
        value.ExpectedSpend.Should().BeNull();
        value.LifetimeValue.Should().BeNull();
    }

    [Fact]
    public void WithRfmAndWithTier_InEitherOrder_KeepBothNames()
    {
        var rfm = new RfmScore(5, 4, 3);
        CustomerValue segmentFirst = new CustomerValue(Id, 1).WithRfm(rfm, "Champions").WithTier("Gold");
        CustomerValue tierFirst = new CustomerValue(Id, 1).WithTier("Gold").WithRfm(rfm, "Champions");

        foreach (CustomerValue value in new[] { segmentFirst, tierFirst })
        {
            value.Rfm.Should().Be(rfm);
            value.Segment.Should().Be("Champions");
            value.Tier.Should().Be("Gold");
        }

        segmentFirst.Should().Be(tierFirst);
        segmentFirst.GetHashCode().Should().Be(tierFirst.GetHashCode());
    }

    [Fact]
    public void WithTier_Alone_IsNotTakenForASegment()
    {
        CustomerValue value = new CustomerValue(Id, 1).WithTier("Gold");

        value.Tier.Should().Be("Gold");
        value.Segment.Should().BeNull();
    }

    [Fact]
    public void WithRfm_Alone_IsNotTakenForATier()
    {
        CustomerValue value = new CustomerValue(Id, 1).WithRfm(new RfmScore(1, 2, 3), "Hibernating");

        value.Segment.Should().Be("Hibernating");
        value.Tier.Should().BeNull();
    }

    [Fact]
    public void ClearingOneName_KeepsTheOther()
    {
        CustomerValue both = new CustomerValue(Id, 1).WithRfm(new RfmScore(1, 2, 3), "Loyal").WithTier("Silver");

        CustomerValue noTier = both.WithTier(null);
        CustomerValue noSegment = both.WithRfm(new RfmScore(1, 2, 3), null);

        noTier.Segment.Should().Be("Loyal");
        noTier.Tier.Should().BeNull();
        noTier.Should().Be(new CustomerValue(Id, 1).WithRfm(new RfmScore(1, 2, 3), "Loyal"));
        noSegment.Segment.Should().BeNull();
        noSegment.Tier.Should().Be("Silver");
    }

    [Fact]
    public void Equality_ComparesNamesByValue()
    {
        string segment = new('A', 3);
        string sameText = new('A', 3);
        ReferenceEquals(segment, sameText).Should().BeFalse();

        CustomerValue a = new CustomerValue(Id, 2).WithRfm(new RfmScore(1, 1, 1), segment).WithTier("T");
        CustomerValue b = new CustomerValue(Id, 2).WithRfm(new RfmScore(1, 1, 1), sameText).WithTier("T");

        a.Should().Be(b);
        a.WithTier("U").Should().NotBe(b);
    }

    [Fact]
    public void WithLifetimeValue_SetsFiguresAndKeepsNames()
    {
        CustomerValue value = new CustomerValue(Id, 1).WithTier("Gold").WithLifetimeValue(0.5, 2, 30, 60);

        value.ProbabilityAlive.Should().Be(0.5);
        value.ExpectedPurchases.Should().Be(2);
        value.ExpectedSpend.Should().Be(30);
        value.LifetimeValue.Should().Be(60);
        value.Tier.Should().Be("Gold");
    }

    [Theory]
    [InlineData(1.5, 1, 1, 1, "probabilityAlive")]
    [InlineData(0.5, -1, 1, 1, "expectedPurchases")]
    [InlineData(0.5, 1, double.NaN, 1, "expectedSpend")]
    [InlineData(0.5, 1, 1, double.PositiveInfinity, "lifetimeValue")]
    public void WithLifetimeValue_OutOfRange_ThrowsNamingTheFigure(double p, double e, double s, double v, string name)
    {
        Action act = () => new CustomerValue(Id, 1).WithLifetimeValue(p, e, s, v);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }
}
