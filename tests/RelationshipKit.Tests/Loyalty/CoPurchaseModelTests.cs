using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Tests.Loyalty;

/// <summary>
/// Five baskets: o1 {bread, butter, jam}, o2 {bread, butter}, o3 {bread, jam}, o4 {butter, milk}, o5 {bread, butter, milk}.
/// Counted by hand: N = 5; n(bread) = 4, n(butter) = 4, n(jam) = 2, n(milk) = 2; n(bread, butter) = 3 (o1, o2, o5),
/// n(bread, jam) = 2 (o1, o3), n(butter, milk) = 2 (o4, o5), n(bread, milk) = 1 (o5), n(butter, jam) = 1 (o1),
/// n(jam, milk) = 0. So bread ⇒ butter: support 3, confidence 3/4, lift 3·5/(4·4) = 15/16; bread ⇒ jam: support 2,
/// confidence 2/4, lift 2·5/(4·2) = 5/4; jam ⇒ bread: confidence 2/2 = 1, lift 5/4; butter ⇒ milk: confidence 2/4, lift 5/4.
/// </summary>
public sealed class CoPurchaseModelTests
{
    internal static KeyValuePair<string, string>[] Baskets =>
    [
        new("o1", "bread"), new("o1", "butter"), new("o1", "jam"), new("o1", "bread"),
        new("o2", "bread"), new("o2", "butter"),
        new("o3", "bread"), new("o3", "jam"),
        new("o4", "butter"), new("o4", "milk"),
        new("o5", "bread"), new("o5", "butter"), new("o5", "milk"),
    ];

    [Fact]
    public void Fit_CountsSupportConfidenceAndLift_AsByHand()
    {
        CoPurchaseModel model = CoPurchaseModel.Fit(Baskets);
        model.BasketCount.Should().Be(5);
        model.ProductCount.Should().Be(4);
        IReadOnlyList<ProductAssociation> bread = model.GetAssociations("bread");
        bread.Select(a => a.Associated).Should().Equal(["jam", "butter"], "by lift 5/4 before 15/16; milk has support 1 < 2");
        bread[0].Should().Be(new ProductAssociation("bread", "jam", 2, 0.5, 1.25));
        bread[1].Support.Should().Be(3);
        bread[1].Confidence.Should().BeApproximately(0.75, 1e-12);
        bread[1].Lift.Should().BeApproximately(15.0 / 16.0, 1e-12);
        model.GetAssociations("jam").Should().Equal(new ProductAssociation("jam", "bread", 2, 1.0, 1.25));
        model.GetAssociations("milk").Should().Equal(new ProductAssociation("milk", "butter", 2, 1.0, 1.25));
        model.GetAssociations("caviar").Should().BeEmpty();
    }

    [Fact]
    public void Fit_OptionsChangeSupportConfidenceAndRanking()
    {
        CoPurchaseModel all = CoPurchaseModel.Fit(Baskets, new CoPurchaseOptions { MinimumSupport = 1 });
        ProductAssociation milk = all.GetAssociations("bread").Single(a => a.Associated == "milk");
        milk.Support.Should().Be(1);
        milk.Confidence.Should().Be(0.25);
        milk.Lift.Should().Be(0.625);
        CoPurchaseModel.Fit(Baskets, new CoPurchaseOptions { MinimumConfidence = 0.6 }).GetAssociations("bread").Select(a => a.Associated).Should().Equal("butter");
        CoPurchaseModel.Fit(Baskets, new CoPurchaseOptions { Ranking = CoPurchaseRanking.Confidence }).GetAssociations("bread").Select(a => a.Associated).Should().Equal("butter", "jam");
        CoPurchaseModel.Fit(Baskets, new CoPurchaseOptions { MaxAssociations = 1 }).GetAssociations("bread").Should().ContainSingle();
    }

    [Fact]
    public void Recommend_ExcludesOwnedProducts_BestFirst()
    {
        CoPurchaseModel model = CoPurchaseModel.Fit(Baskets);
        model.Recommend(["bread"], 3).Select(a => a.Associated).Should().Equal("jam", "butter");
        // jam (from bread) and milk (from butter) tie on lift 5/4, confidence 1/2 and support 2: by name.
        model.Recommend(["bread", "butter"], 3).Select(a => a.Associated).Should().Equal("jam", "milk");
        model.Recommend(["bread", "butter"], 1).Should().ContainSingle().Which.Associated.Should().Be("jam");
        model.Recommend(["caviar"], 3).Should().BeEmpty();
    }

    [Fact]
    public void Options_Defaults()
    {
        var o = new CoPurchaseOptions();
        (o.MinimumSupport, o.MinimumConfidence, o.MaxAssociations, o.Ranking).Should().Be((2, 0.0, 20, CoPurchaseRanking.Lift));
    }

    [Theory]
    [InlineData("MinimumSupport")]
    [InlineData("MinimumConfidence")]
    [InlineData("MaxAssociations")]
    [InlineData("Ranking")]
    public void Fit_InvalidOptions_ThrowNamingTheOption(string option)
    {
        var o = new CoPurchaseOptions();
        switch (option)
        {
            case "MinimumSupport": o.MinimumSupport = 0; break;
            case "MinimumConfidence": o.MinimumConfidence = 1.5; break;
            case "MaxAssociations": o.MaxAssociations = 0; break;
            default: o.Ranking = (CoPurchaseRanking)7; break;
        }

        Action act = () => CoPurchaseModel.Fit(Baskets, o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*CoPurchaseOptions.{option}*");
    }

    [Fact]
    public void Methods_BadArguments_Throw()
    {
        Action nullLines = () => CoPurchaseModel.Fit(null!);
        nullLines.Should().Throw<ArgumentNullException>();
        Action blankBasket = () => CoPurchaseModel.Fit([new(" ", "bread")]);
        blankBasket.Should().Throw<ArgumentException>().WithMessage("*basket*");
        Action blankProduct = () => CoPurchaseModel.Fit([new("o1", "")]);
        blankProduct.Should().Throw<ArgumentException>().WithMessage("*product*");
        CoPurchaseModel model = CoPurchaseModel.Fit(Baskets);
        Action nullOwned = () => model.Recommend(null!, 1);
        nullOwned.Should().Throw<ArgumentNullException>();
        Action zero = () => model.Recommend(["bread"], 0);
        zero.Should().Throw<ArgumentOutOfRangeException>();
        Action nullProduct = () => model.GetAssociations(null!);
        nullProduct.Should().Throw<ArgumentNullException>();
    }
}
