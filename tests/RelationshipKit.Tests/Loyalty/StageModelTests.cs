using System.Text.RegularExpressions;
using CsCheck;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed partial class StageModelTests
{
    private static StageModel Membership() =>
        new StageModelBuilder("membership")
            .Stage("gold", "Big spender").When((in s, in _) => s.TotalSpend > 1000m, "spent more than 1000")
            .Stage("member").When((in s, in _) => s.HasPurchased, "has bought")
            .Stage("returning").WhenCurrently(["lapsedMember"], (in s, in _) => s.HasPurchased, "came back")
            .Stage("lapsedMember")
            .Otherwise("visitor", "has not bought")
            .Build();

    [Fact]
    public void Assign_FirstRuleThatHolds_Decides_WithItsDescription()
    {
        StageModel model = Membership();
        StageAssignment gold = model.Assign(Buyer(3, 100, 10, totalSpend: 5000m), AsOf);
        gold.Stage.Should().Be(new Stage("gold"));
        gold.Reason.Should().Be("spent more than 1000");
        gold.Rule!.Index.Should().Be(0);
        gold.AsOf.Should().Be(AsOf);
        gold.CustomerId.Should().Be(Id());

        StageAssignment member = model.Assign(Buyer(1, 10, 10, totalSpend: 20m), AsOf);
        member.Stage.Name.Should().Be("member");
        member.Reason.Should().Be("has bought");
    }

    [Fact]
    public void Assign_NoRuleHolds_UsesTheFallback()
    {
        StageAssignment a = Membership().Assign(Prospect(), AsOf);
        a.Stage.Name.Should().Be("visitor");
        a.Reason.Should().Be("has not bought");
        a.Rule!.IsFallback.Should().BeTrue();
    }

    [Fact]
    public void Assign_RuleWithCurrentStages_AppliesOnlyFromThem()
    {
        var model = new StageModelBuilder("m")
            .Stage("lapsedMember")
            .Stage("returning").WhenCurrently(["lapsedMember"], (in s, in _) => s.HasPurchased, "came back")
            .Stage("member").When((in s, in _) => s.HasPurchased, "has bought")
            .Otherwise("visitor", "none")
            .Build();
        LoyaltyState buyer = Buyer(2, 100, 1);
        model.Assign(buyer, new StageContext(AsOf, new Stage("lapsedMember"), AsOf.AddDays(-30))).Stage.Name.Should().Be("returning");
        model.Assign(buyer, new StageContext(AsOf, new Stage("member"), AsOf.AddDays(-30))).Stage.Name.Should().Be("member");
        model.Assign(buyer, AsOf).Stage.Name.Should().Be("member");
    }

    [Fact]
    public void Model_ListsStagesInDeclarationOrder_AndRulesWithFallbackLast()
    {
        StageModel model = Membership();
        model.Name.Should().Be("membership");
        model.Stages.Select(s => s.Name).Should().Equal("gold", "member", "returning", "lapsedMember", "visitor");
        model.Rules.Select(r => r.Description).Should().Equal("spent more than 1000", "has bought", "came back", "has not bought");
        model.Rules[^1].Should().BeSameAs(model.Fallback);
        model.Contains(new Stage("gold")).Should().BeTrue();
        model.Contains(new Stage("platinum")).Should().BeFalse();
        model.GetDescription(new Stage("gold")).Should().Be("Big spender");
        model.GetDescription(new Stage("member")).Should().BeNull();
        Action unknown = () => model.GetDescription(new Stage("platinum"));
        unknown.Should().Throw<ArgumentException>().WithParameterName("stage");
    }

    [Fact]
    public void Assign_IsPure_SameInputSameOutput()
    {
        StageModel ladder = LoyaltyLadder.Create();
        StageModel lifecycle = CustomerLifecycle.Create();
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 800], Gen.Int[0, 800], Gen.Int[0, 5], Gen.Int[0, 3], Gen.Double[0, 1])
            .Sample((purchases, a, b, referrals, complaints, p) =>
            {
                int first = Math.Max(a, b);
                int last = Math.Min(a, b);
                LoyaltyState state = purchases == 0
                    ? new LoyaltyState(Id(), referrals: referrals, openComplaints: complaints)
                    : Buyer(purchases, first, last, purchases > 1 && first > last ? (first - last) / (double)(purchases - 1) : null, referrals: referrals, openComplaints: complaints, probabilityAlive: p);
                var context = new StageContext(AsOf, CustomerLifecycle.Lapsed, AsOf.AddDays(-3));
                ladder.Assign(state, AsOf).Should().Be(ladder.Assign(state, AsOf));
                lifecycle.Assign(state, context).Should().Be(lifecycle.Assign(state, context));
            });
    }

    [Fact]
    public void AssignSpan_EqualsOneAtATime()
    {
        StageModel lifecycle = CustomerLifecycle.Create();
        LoyaltyState[] states = [Prospect("a"), Buyer(1, 5, 5, id: "b"), Buyer(4, 400, 200, 60, id: "c"), Buyer(4, 400, 10, 60, id: "d")];
        var assignments = new StageAssignment[states.Length + 1];
        lifecycle.Assign(states, AsOf, assignments);
        for (int i = 0; i < states.Length; i++)
        {
            assignments[i].Should().Be(lifecycle.Assign(states[i], AsOf));
        }

        assignments[^1].Should().Be(default(StageAssignment), "nothing is written past the states");
        StageContext[] contexts = [.. states.Select(_ => new StageContext(AsOf, CustomerLifecycle.Lapsed, AsOf.AddDays(-1)))];
        lifecycle.Assign(states, contexts, assignments);
        assignments[3].Stage.Should().Be(CustomerLifecycle.Reactivated);
    }

    [Fact]
    public void Assign_BadArguments_Throw()
    {
        StageModel model = Membership();
        Action defaultState = () => model.Assign(default(LoyaltyState), AsOf);
        defaultState.Should().Throw<ArgumentException>().WithParameterName("state");
        Action defaultTime = () => model.Assign(Prospect(), default(DateTimeOffset));
        defaultTime.Should().Throw<ArgumentException>().WithParameterName("asOf");
        Action defaultContext = () => model.Assign(Prospect(), default(StageContext));
        defaultContext.Should().Throw<ArgumentException>().WithParameterName("context");
        Action shortDestination = () => model.Assign([Prospect()], AsOf, Array.Empty<StageAssignment>());
        shortDestination.Should().Throw<ArgumentException>().WithParameterName("assignments");
        Action defaultInSpan = () => model.Assign([default], AsOf, new StageAssignment[1]);
        defaultInSpan.Should().Throw<ArgumentException>().WithParameterName("states");
        Action contextCount = () => model.Assign([Prospect()], ReadOnlySpan<StageContext>.Empty, new StageAssignment[1]);
        contextCount.Should().Throw<ArgumentException>().WithParameterName("contexts");
        Action defaultContextInSpan = () => model.Assign([Prospect()], [default], new StageAssignment[1]);
        defaultContextInSpan.Should().Throw<ArgumentException>().WithParameterName("contexts");
    }

    [Fact]
    public void Builder_BadInput_Throws()
    {
        Action badName = () => _ = new StageModelBuilder("Bad Name");
        badName.Should().Throw<ArgumentException>().WithParameterName("name");
        Action nullName = () => _ = new StageModelBuilder(null!);
        nullName.Should().Throw<ArgumentNullException>();
        var builder = new StageModelBuilder("m");
        Action badStage = () => builder.Stage("no-dashes");
        badStage.Should().Throw<ArgumentException>().WithParameterName("name");
        Action blankDescription = () => builder.Stage("ok", " ");
        blankDescription.Should().Throw<ArgumentException>().WithParameterName("description");
        Action nullPredicate = () => builder.Stage("ok").When(null!, "x");
        nullPredicate.Should().Throw<ArgumentNullException>().WithParameterName("predicate");
        Action noDescription = () => builder.Stage("ok").When((in _, in _) => true, "");
        noDescription.Should().Throw<ArgumentException>().WithParameterName("description");
        Action noCurrent = () => builder.Stage("ok").WhenCurrently([], (in _, in _) => true, "x");
        noCurrent.Should().Throw<ArgumentException>().WithParameterName("fromStages");
        Action badCurrent = () => builder.Stage("ok").WhenCurrently(["Bad"], (in _, in _) => true, "x");
        badCurrent.Should().Throw<ArgumentException>().WithParameterName("fromStages");
        Action noFallback = () => new StageModelBuilder("m").Stage("a").When((in _, in _) => true, "x").Stage("b").Otherwise("b", "x");
        noFallback.Should().NotThrow();
        var withoutFallback = new StageModelBuilder("m");
        withoutFallback.Stage("a").When((in _, in _) => true, "x");
        Action buildWithoutFallback = () => withoutFallback.Build();
        buildWithoutFallback.Should().Throw<InvalidOperationException>().WithMessage("*Otherwise*");
        Action undeclaredCurrent = () => new StageModelBuilder("m").Stage("a").WhenCurrently(["ghost"], (in _, in _) => true, "x").Otherwise("a", "y").Build();
        undeclaredCurrent.Should().Throw<InvalidOperationException>().WithMessage("*ghost*");
    }

    [Fact]
    public void ToMermaid_IsAStateDiagram_WithEveryStageAndEveryRuleOnAnEdge()
    {
        StageModel model = LoyaltyLadder.Create();
        string diagram = model.ToMermaid();
        string[] lines = diagram.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("stateDiagram-v2");
        var declared = new HashSet<string>();
        var edges = new List<(string From, string To, string Label)>();
        foreach (string line in lines.Skip(1))
        {
            line.Should().StartWith("    ", "every statement is indented under the diagram header");
            string body = line.Trim();
            if (body.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            Match edge = EdgeLine().Match(body);
            if (edge.Success)
            {
                edges.Add((edge.Groups[1].Value, edge.Groups[2].Value, edge.Groups[3].Value));
                continue;
            }

            Match state = StateLine().Match(body);
            state.Success.Should().BeTrue($"'{body}' is a state declaration, a choice or an edge");
            declared.Add(state.Groups[1].Value);
        }

        declared.Should().Contain(model.Stages.Select(s => s.Name));
        declared.Should().Contain("rk_assign");
        var known = new HashSet<string>(declared) { "[*]" };
        edges.Should().OnlyContain(e => known.Contains(e.From) && known.Contains(e.To));
        edges.Should().Contain(e => e.From == "[*]" && e.To == "rk_assign");
        foreach (StageRule rule in model.Rules)
        {
            edges.Should().Contain(e => e.To == rule.Stage.Name && e.Label.Contains(rule.Description.Replace(":", "#58;", StringComparison.Ordinal), StringComparison.Ordinal), $"rule '{rule.Description}' has an edge");
        }

        diagram.Should().Contain("partner : Works with the company#58; co-creation or a partnership", "a colon in a label is written as an entity");
    }

    [Fact]
    public void ToMermaid_RuleWithCurrentStages_DrawsAnEdgeFromEach()
    {
        string diagram = CustomerLifecycle.Create().ToMermaid();
        diagram.Should().Contain("lapsed --> reactivated : ").And.Contain("lost --> reactivated : ").And.Contain("reactivated --> reactivated : ");
    }

    [GeneratedRegex(@"^(\S+) --> (\S+)(?: : (.+))?$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"^(?:state )?([A-Za-z][A-Za-z0-9_]*)(?: : .+| <<choice>>)?$")]
    private static partial Regex StateLine();
}
