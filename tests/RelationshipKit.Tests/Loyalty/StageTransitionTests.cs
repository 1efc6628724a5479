using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class StageTransitionTests
{
    [Fact]
    public void Constructor_KeepsFields_AndKeyIgnoresReason()
    {
        var t = new StageTransition("lifecycle", Id(), CustomerLifecycle.Active, CustomerLifecycle.AtRisk, AsOf, "overdue");
        (t.ModelName, t.CustomerId, t.Previous, t.Next, t.At, t.Reason).Should().Be(("lifecycle", Id(), CustomerLifecycle.Active, CustomerLifecycle.AtRisk, AsOf, "overdue"));
        t.IsInitial.Should().BeFalse();
        t.HasSameKey(new StageTransition("lifecycle", Id(), default, CustomerLifecycle.Lost, AsOf.ToOffset(TimeSpan.FromHours(3)), "x")).Should().BeTrue();
        t.HasSameKey(new StageTransition("loyaltyLadder", Id(), default, CustomerLifecycle.Lost, AsOf, "x")).Should().BeFalse();
        t.ToString().Should().Contain("active -> atRisk");
        CurrentStage.From(t).Should().Be(new CurrentStage(CustomerLifecycle.AtRisk, AsOf, "overdue"));
    }

    [Fact]
    public void Constructor_BadFields_ThrowNamingThem()
    {
        Action nullModel = () => _ = new StageTransition(null!, Id(), default, CustomerLifecycle.New, AsOf, "r");
        nullModel.Should().Throw<ArgumentNullException>().WithParameterName("modelName");
        Action badModel = () => _ = new StageTransition("Life Cycle", Id(), default, CustomerLifecycle.New, AsOf, "r");
        badModel.Should().Throw<ArgumentException>().WithParameterName("modelName");
        Action customer = () => _ = new StageTransition("m", default, default, CustomerLifecycle.New, AsOf, "r");
        customer.Should().Throw<ArgumentException>().WithParameterName("customerId");
        Action next = () => _ = new StageTransition("m", Id(), CustomerLifecycle.New, default, AsOf, "r");
        next.Should().Throw<ArgumentException>().WithParameterName("next");
        Action same = () => _ = new StageTransition("m", Id(), CustomerLifecycle.New, CustomerLifecycle.New, AsOf, "r");
        same.Should().Throw<ArgumentException>().WithParameterName("next");
        Action at = () => _ = new StageTransition("m", Id(), default, CustomerLifecycle.New, default, "r");
        at.Should().Throw<ArgumentException>().WithParameterName("at");
        Action reason = () => _ = new StageTransition("m", Id(), default, CustomerLifecycle.New, AsOf, " ");
        reason.Should().Throw<ArgumentException>().WithParameterName("reason");
    }

    [Fact]
    public void Stage_ValidatesNames()
    {
        new Stage("atRisk").Name.Should().Be("atRisk");
        default(Stage).IsEmpty.Should().BeTrue();
        default(Stage).Name.Should().BeEmpty();
        Action bad = () => _ = new Stage("at risk");
        bad.Should().Throw<ArgumentException>().WithParameterName("name");
        Action nil = () => _ = new Stage(null!);
        nil.Should().Throw<ArgumentNullException>();
        Stage.IsValidName("x1").Should().BeTrue();
        Stage.IsValidName("1x").Should().BeFalse();
    }
}
