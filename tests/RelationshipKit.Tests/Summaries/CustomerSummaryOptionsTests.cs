using Microsoft.Extensions.Options;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Summaries;

public sealed class CustomerSummaryOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new CustomerSummaryOptions();
        options.Period.Should().Be(PurchasePeriod.Day);
        options.TimeUnit.Should().Be(TimeUnit.Day);
        options.TimeZoneId.Should().Be("UTC");
        options.MinimumAmount.Should().Be(-1_000_000m);
        options.MaximumAmount.Should().Be(1_000_000m);
        options.FutureTolerance.Should().Be(TimeSpan.FromMinutes(5));
        options.MaxDegreeOfParallelism.Should().Be(1);
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "MinimumAmount>MaximumAmount", "MinimumAmount" },
        { "NegativeFutureTolerance", "FutureTolerance" },
        { "UnknownTimeZone", "TimeZoneId" },
        { "EmptyTimeZone", "TimeZoneId" },
        { "NullTimeZone", "TimeZoneId" },
        { "UndefinedPeriod", "Period" },
        { "UndefinedTimeUnit", "TimeUnit" },
        { "ZeroThreads", "MaxDegreeOfParallelism must be 1 to 64; it is 0" },
        { "TooManyThreads", "MaxDegreeOfParallelism must be 1 to 64; it is 65" },
    };

    internal static CustomerSummaryOptions Invalid(string caseName) => caseName switch
    {
        "MinimumAmount>MaximumAmount" => new() { MinimumAmount = 10m, MaximumAmount = 5m },
        "NegativeFutureTolerance" => new() { FutureTolerance = TimeSpan.FromTicks(-1) },
        "UnknownTimeZone" => new() { TimeZoneId = "Mars/Olympus_Mons" },
        "EmptyTimeZone" => new() { TimeZoneId = "  " },
        "NullTimeZone" => new() { TimeZoneId = null! },
        "UndefinedPeriod" => new() { Period = (PurchasePeriod)7 },
        "UndefinedTimeUnit" => new() { TimeUnit = (TimeUnit)9 },
        "ZeroThreads" => new() { MaxDegreeOfParallelism = 0 },
        "TooManyThreads" => new() { MaxDegreeOfParallelism = 65 },
        _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void BuilderConstructor_InvalidOptions_ThrowsNamingTheOption(string caseName, string option)
    {
        CustomerSummaryOptions options = Invalid(caseName);
        Action act = () => _ = new CustomerSummaryBuilder(options);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*{option}*").Which.OptionsType.Should().Be<CustomerSummaryOptions>();
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void AccumulatorConstructor_InvalidOptions_ThrowsNamingTheOption(string caseName, string option)
    {
        CustomerSummaryOptions options = Invalid(caseName);
        Action act = () => _ = new CustomerSummaryAccumulator(options);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*{option}*");
    }

    [Fact]
    public void Constructor_SeveralInvalidOptions_NamesEach()
    {
        var options = new CustomerSummaryOptions { MinimumAmount = 1m, MaximumAmount = 0m, FutureTolerance = TimeSpan.FromSeconds(-1), TimeZoneId = "Nowhere/None" };
        Action act = () => _ = new CustomerSummaryBuilder(options);
        OptionsValidationException ex = act.Should().Throw<OptionsValidationException>().Which;
        ex.Failures.Should().HaveCount(3);
        ex.Message.Should().Contain("MinimumAmount").And.Contain("FutureTolerance").And.Contain("TimeZoneId");
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Constructor_IanaTimeZone_Accepted(string zone) =>
        new CustomerSummaryBuilder(new CustomerSummaryOptions { TimeZoneId = zone }).Period.Should().Be(PurchasePeriod.Day);

    [Fact]
    public void Constructor_EqualMinimumAndMaximum_Accepted() =>
        new CustomerSummaryAccumulator(new CustomerSummaryOptions { MinimumAmount = 0m, MaximumAmount = 0m, FutureTolerance = TimeSpan.Zero }).CustomerCount.Should().Be(0);
}
