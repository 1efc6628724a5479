using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class IdentityNormalizerTests
{
    private static readonly IdentityNormalizer Normalizer = new();

    [Theory]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ISTANBUL", "istanbul")]
    [InlineData("Yıldız", "yildiz")]
    [InlineData("YILDIZ", "yildiz")]
    [InlineData("Müller", "muller")]
    [InlineData("François", "francois")]
    [InlineData("Größ", "gross")]
    [InlineData("Øverland", "overland")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("  Mary-Jane   Smith ", "mary jane smith")]
    [InlineData("Ｊｏｈｎ", "john")]
    [InlineData("Nguyễn", "nguyen")]
    public void Normalize_Names_FoldCaseDiacriticsAndPunctuation(string input, string expected) =>
        Normalizer.Normalize(FieldKind.Name, input).Should().Be(expected);

    [Theory]
    [InlineData("n/a")]
    [InlineData("N/A")]
    [InlineData("Unknown")]
    [InlineData("  -  ")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_JunkOrMissingText_IsNull(string? input) => Normalizer.Normalize(FieldKind.Text, input).Should().BeNull();

    [Theory]
    [InlineData("A.N.A+shop@GoogleMail.com", "ana@gmail.com")]
    [InlineData("ana.b@example.co.uk", "ana.b@example.co.uk")]
    [InlineData("Ana.B+x@Outlook.com", "ana.b@outlook.com")]
    [InlineData("mailto:<ana@web.de>", "ana@web.de")]
    [InlineData("test@test.com", null)]
    [InlineData("noreply@shop.com", null)]
    [InlineData("someone@example.com", null)]
    [InlineData("not an email", null)]
    [InlineData("a@b", null)]
    public void Normalize_Email_CanonicalOrNull(string input, string? expected) =>
        Normalizer.Normalize(FieldKind.Email, input).Should().Be(expected);

    [Fact]
    public void Normalize_EmailWithProviderRulesOff_KeepsDotsAndTags()
    {
        var normalizer = new IdentityNormalizer(new NormalizationOptions { EmailRemovePlusTags = false, EmailDotInsensitiveDomains = [], EmailDomainAliases = new Dictionary<string, string>() });
        normalizer.Normalize(FieldKind.Email, "A.N.A+shop@GoogleMail.com").Should().Be("a.n.a+shop@googlemail.com");
    }

    [Theory]
    [InlineData("1980-05-17", "19800517")]
    [InlineData("19800517", "19800517")]
    [InlineData("17/05/1980", "19800517")]
    [InlineData("17.05.1980", "19800517")]
    [InlineData("17 May 1980", "19800517")]
    [InlineData("May 17, 1980", "19800517")]
    [InlineData("1980-05-17T00:00:00+02:00", "19800517")]
    [InlineData("19810231", null)]
    [InlineData("1900-01-01", null)]
    [InlineData("yesterday", null)]
    public void Normalize_Dates_ReadSeveralFormats(string input, string? expected) =>
        Normalizer.Normalize(FieldKind.Date, input).Should().Be(expected);

    [Theory]
    [InlineData("SW1A 1AA", "sw1a1aa")]
    [InlineData("2000", "2000")]
    [InlineData("10-115", "10115")]
    public void Normalize_Postcodes_LettersAndDigitsOnly(string input, string expected) =>
        Normalizer.Normalize(FieldKind.Postcode, input).Should().Be(expected);

    [Theory]
    [InlineData("12 Main St", "12 main street")]
    [InlineData("Main Rd.", "main road")]
    public void Normalize_Streets_ExpandAbbreviations(string input, string expected) =>
        Normalizer.Normalize(FieldKind.Street, input).Should().Be(expected);

    [Theory]
    [InlineData("+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("020 7946 0958", "02079460958")]
    [InlineData("000-0000", null)]
    [InlineData("1234567890", null)]
    [InlineData("+44 1111 111111", null)]
    [InlineData("12", null)]
    public void Normalize_PhonesWithDigitsDefault_DigitsOrNull(string input, string? expected) =>
        Normalizer.Normalize(FieldKind.Phone, input).Should().Be(expected);

    [Fact]
    public void Normalize_NationalPhoneWithCallingCode_IsE164()
    {
        var normalizer = new IdentityNormalizer(new NormalizationOptions { DefaultCallingCode = "44" });
        normalizer.Normalize(FieldKind.Phone, "020 7946 0958").Should().Be("+442079460958");
    }

    [Fact]
    public void Normalize_CustomBlockedValue_IsNull()
    {
        var normalizer = new IdentityNormalizer(new NormalizationOptions { BlockedValues = ["Max Mustermann"] });
        normalizer.Normalize(FieldKind.Name, "MAX  mustermann").Should().BeNull();
        normalizer.Normalize(FieldKind.Name, "n/a").Should().Be("n a");
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesOption()
    {
        Action act = () => _ = new IdentityNormalizer(new NormalizationOptions { MinimumPhoneDigits = 0 });
        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*MinimumPhoneDigits*");
    }

    [Fact]
    public void Normalize_UndefinedKind_Throws()
    {
        Action act = () => Normalizer.Normalize((FieldKind)99, "x");
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("kind");
    }
}
