using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Identification;

namespace RelationshipKit.PhoneNumbers.Tests;

public sealed class LibPhoneNumberNormalizerTests
{
    [Theory]
    [InlineData("GB", "020 7946 0958", "+442079460958")]
    [InlineData("GB", "+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("GB", "0044 20 7946 0958", "+442079460958")]
    [InlineData("DE", "030 901820", "+4930901820")]
    [InlineData("US", "(202) 555-0143 ext. 12", "+12025550143")]
    [InlineData(null, "+61 2 9374 4000", "+61293744000")]
    public void TryNormalize_Numbers_AreE164(string? region, string input, string expected)
    {
        var normalizer = new LibPhoneNumberNormalizer(new PhoneNumberOptions { DefaultRegion = region });
        normalizer.TryNormalize(input, out string? e164).Should().BeTrue();
        e164.Should().Be(expected);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("not a number")]
    [InlineData("020 7946 0958")]
    public void TryNormalize_NoRegionOrImpossible_IsFalse(string input) =>
        new LibPhoneNumberNormalizer().TryNormalize(input, out _).Should().BeFalse();

    [Fact]
    public void Constructor_UnknownRegion_NamesOption() =>
        FluentActions.Invoking(() => new LibPhoneNumberNormalizer(new PhoneNumberOptions { DefaultRegion = "XX" }))
            .Should().Throw<OptionsValidationException>().WithMessage("*PhoneNumberOptions.DefaultRegion*");

    [Fact]
    public void IdentityNormalizer_WithLibPhoneNumber_AgreesAcrossFormats()
    {
        var normalizer = new IdentityNormalizer(null, new LibPhoneNumberNormalizer(new PhoneNumberOptions { DefaultRegion = "GB" }));
        normalizer.Normalize(FieldKind.Phone, "020 7946 0958").Should().Be(normalizer.Normalize(FieldKind.Phone, "+44 20 7946 0958"));
        normalizer.Normalize(FieldKind.Phone, "+44 1111 111111").Should().BeNull();
    }

    [Fact]
    public void AddPhoneNumbers_ReplacesDigitsNormalizer_InEitherOrder()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddIdentification().AddPhoneNumbers(o => o.DefaultRegion = "GB");
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IPhoneNumberNormalizer>().Should().BeOfType<LibPhoneNumberNormalizer>();
        provider.GetRequiredService<IdentityResolver>().Normalizer.PhoneNumberNormalizer.Should().BeOfType<LibPhoneNumberNormalizer>();

        var other = new ServiceCollection();
        other.AddRelationshipKit().AddPhoneNumbers().AddIdentification();
        using ServiceProvider second = other.BuildServiceProvider();
        second.GetRequiredService<IPhoneNumberNormalizer>().Should().BeOfType<LibPhoneNumberNormalizer>();
    }
}
