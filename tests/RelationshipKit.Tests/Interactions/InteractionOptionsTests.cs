using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class InteractionOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var o = new InteractionOptions();
        o.FutureTolerance.Should().Be(TimeSpan.FromMinutes(5));
        o.EarliestOccurredAt.Should().Be(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero));
        o.CustomKinds.Should().BeEmpty();
        o.ImportBatchSize.Should().Be(1000);
        o.MaxLineBytes.Should().Be(1_048_576);
        o.ContactPolicy.Should().NotBeNull();
    }

    [Theory]
    [InlineData("FutureTolerance")]
    [InlineData("EarliestOccurredAt")]
    [InlineData("CustomKinds")]
    [InlineData("ImportBatchSize")]
    [InlineData("MaxLineBytes")]
    [InlineData("ContactPolicy.DefaultTimeZoneId")]
    public void Invalid_ThrowsNamingTheOption(string option)
    {
        var o = new InteractionOptions();
        switch (option)
        {
            case "FutureTolerance": o.FutureTolerance = TimeSpan.FromTicks(-1); break;
            case "EarliestOccurredAt": o.EarliestOccurredAt = default; break;
            case "CustomKinds": o.CustomKinds.Add("Not Valid"); break;
            case "ImportBatchSize": o.ImportBatchSize = 100_001; break;
            case "MaxLineBytes": o.MaxLineBytes = 10; break;
            default: o.ContactPolicy.DefaultTimeZoneId = "Atlantis/Capital"; break;
        }

        Action act = () => _ = new InMemoryInteractionStore(o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*InteractionOptions.{option}*");
    }
}
