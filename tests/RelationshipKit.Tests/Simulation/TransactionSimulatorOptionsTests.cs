using Microsoft.Extensions.Options;
using RelationshipKit.Simulation;

namespace RelationshipKit.Tests.Simulation;

public sealed class TransactionSimulatorOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedCdnowLikeValues()
    {
        var options = new TransactionSimulatorOptions();
        options.CustomerCount.Should().Be(1000);
        options.Seed.Should().Be(1UL);
        options.Start.Should().Be(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero));
        options.End.Should().Be(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero));
        options.AcquisitionWindow.Should().Be(TimeSpan.FromDays(84));
        options.TimeUnit.Should().Be(TimeUnit.Week);
        options.R.Should().Be(0.243);
        options.Alpha.Should().Be(4.414);
        options.A.Should().Be(0.793);
        options.B.Should().Be(2.426);
        options.P.Should().Be(6.25);
        options.Q.Should().Be(3.74);
        options.Gamma.Should().Be(15.44);
        options.Order.Should().Be(SimulatedTransactionOrder.ByCustomer);
        options.MaximumAmount.Should().Be(1_000_000m);
        options.Validate().Should().BeEmpty();
    }

    public static TheoryData<string, Action<TransactionSimulatorOptions>> InvalidOptions => new()
    {
        { nameof(TransactionSimulatorOptions.CustomerCount), o => o.CustomerCount = 0 },
        { nameof(TransactionSimulatorOptions.CustomerCount), o => o.CustomerCount = 100_000_001 },
        { nameof(TransactionSimulatorOptions.Start), o => o.Start = default },
        { nameof(TransactionSimulatorOptions.End), o => o.End = o.Start },
        { nameof(TransactionSimulatorOptions.End), o => o.End = o.Start.AddDays(-1) },
        { nameof(TransactionSimulatorOptions.AcquisitionWindow), o => o.AcquisitionWindow = TimeSpan.FromDays(-1) },
        { nameof(TransactionSimulatorOptions.AcquisitionWindow), o => o.AcquisitionWindow = (o.End - o.Start) + TimeSpan.FromDays(1) },
        { nameof(TransactionSimulatorOptions.TimeUnit), o => o.TimeUnit = (TimeUnit)42 },
        { nameof(TransactionSimulatorOptions.Order), o => o.Order = (SimulatedTransactionOrder)42 },
        { nameof(TransactionSimulatorOptions.R), o => o.R = 0 },
        { nameof(TransactionSimulatorOptions.R), o => o.R = double.NaN },
        { nameof(TransactionSimulatorOptions.Alpha), o => o.Alpha = -1 },
        { nameof(TransactionSimulatorOptions.Alpha), o => o.Alpha = double.PositiveInfinity },
        { nameof(TransactionSimulatorOptions.A), o => o.A = 0 },
        { nameof(TransactionSimulatorOptions.B), o => o.B = -0.5 },
        { nameof(TransactionSimulatorOptions.P), o => o.P = 0 },
        { nameof(TransactionSimulatorOptions.Q), o => o.Q = double.NaN },
        { nameof(TransactionSimulatorOptions.Gamma), o => o.Gamma = 0 },
        { nameof(TransactionSimulatorOptions.MaximumAmount), o => o.MaximumAmount = 0m },
        { nameof(TransactionSimulatorOptions.MaximumAmount), o => o.MaximumAmount = 10_000_000.01m },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidValue_ReportsTheOption(string name, Action<TransactionSimulatorOptions> breakIt)
    {
        var options = new TransactionSimulatorOptions();
        breakIt(options);

        var results = options.Validate();
        results.Should().ContainSingle().Which.MemberNames.Should().Equal(name);

        var act = () => new TransactionSimulator(options);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*TransactionSimulatorOptions.{name} *");
    }

    [Fact]
    public void Validate_BoundaryValues_AreAccepted()
    {
        var options = new TransactionSimulatorOptions
        {
            CustomerCount = 1,
            AcquisitionWindow = TimeSpan.Zero,
            MaximumAmount = 0.01m,
        };
        options.Validate().Should().BeEmpty();
        options.AcquisitionWindow = options.End - options.Start;
        options.MaximumAmount = 10_000_000m;
        options.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Validate_ThroughDataAnnotations_ReportsTheSameErrors()
    {
        var options = new TransactionSimulatorOptions { R = -1 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        bool valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        valid.Should().BeFalse();
        results.Should().ContainSingle().Which.ErrorMessage.Should().Contain("R must be positive");
    }
}
