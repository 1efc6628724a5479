using RelationshipKit.Differentiation.Profitability;

namespace RelationshipKit.Tests.Differentiation.Profitability;

public sealed class CostToServeOptionsTests
{
    [Fact]
    public void Defaults_AreZeroAndEmpty()
    {
        var options = new CostToServeOptions();

        options.PerCustomer.Should().Be(0m);
        options.PerOrder.Should().Be(0m);
        options.PerInteraction.Should().BeEmpty();
        options.ProfitStandard.Should().Be(0m);
    }

    [Fact]
    public void Validate_EmptyKind_FailsNamingOption()
    {
        var options = new CostToServeOptions { PerInteraction = new Dictionary<string, decimal> { [""] = 1m } };

        options.Validate().Should().ContainSingle().Which.MemberNames.Should().Equal("PerInteraction");
    }
}
