using System.Text.Json;
using Microsoft.Extensions.Options;
using RelationshipKit.Serialization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// The lifetime-value scoring strategy: fits a purchase model (BG/NBD, MBG/NBD, Pareto/NBD or BG/BB) and,
/// optionally, a Gamma-Gamma spend model on a population, and returns a <see cref="LifetimeValueScoringModel"/>
/// that gives every customer P(alive), expected purchases over the horizon, expected spend and lifetime value.
/// </summary>
/// <remarks>Pure and thread-safe: the options are copied and validated when the strategy is made.</remarks>
public sealed class LifetimeValueScoringStrategy : IScoringStrategy
{
    /// <summary>The <see cref="Kind"/> of this strategy: <c>"lifetime-value"</c>.</summary>
    public const string StrategyKind = "lifetime-value";

    private readonly LifetimeValueScoringOptions _options;

    /// <summary>Creates the strategy with default options (BG/NBD, Gamma-Gamma, one year, 10 % a year, margin 1).</summary>
    public LifetimeValueScoringStrategy()
        : this(new LifetimeValueScoringOptions())
    {
    }

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">The options; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    public LifetimeValueScoringStrategy(LifetimeValueScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult result = new LifetimeValueScoringOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LifetimeValueScoringOptions), result.Failures);
        }

        _options = new LifetimeValueScoringOptions
        {
            Model = options.Model,
            FitSpendModel = options.FitSpendModel,
            HorizonLength = options.HorizonLength,
            HorizonUnit = options.HorizonUnit,
            DiscountRate = options.DiscountRate,
            DiscountPeriod = options.DiscountPeriod,
            Margin = options.Margin,
            Fit = new LifetimeValueFitOptions
            {
                Penalizer = options.Fit.Penalizer,
                MaxIterations = options.Fit.MaxIterations,
                ConfidenceLevel = options.Fit.ConfidenceLevel,
                RequireConvergence = options.Fit.RequireConvergence,
            },
        };
    }

    /// <inheritdoc />
    public string Kind => StrategyKind;

    /// <inheritdoc />
    /// <exception cref="InvalidSummaryException">A summary is invalid for the chosen model; the exception names the field and row.</exception>
    /// <exception cref="ModelFitException">A fit did not converge (with <see cref="LifetimeValueFitOptions.RequireConvergence"/>).</exception>
    public IScoringModel Fit(CustomerSummaryTable population)
    {
        ArgumentNullException.ThrowIfNull(population);
        LifetimeValueFitOptions fit = _options.Fit;
        ITransactionModel transaction = _options.Model switch
        {
            TransactionModelKind.ModifiedBgNbd => ModifiedBgNbdModel.Fit(population, fit),
            TransactionModelKind.ParetoNbd => ParetoNbdModel.Fit(population, fit),
            TransactionModelKind.BgBb => BgBbModel.Fit(population, fit),
            _ => BgNbdModel.Fit(population, fit),
        };
        GammaGammaModel? spend = null;
        if (_options.FitSpendModel && HasRepeatCustomers(population))
        {
            spend = GammaGammaModel.Fit(population, fit);
        }

        var calculator = new LifetimeValueCalculator(
            transaction,
            spend,
            new Horizon(_options.HorizonLength, _options.HorizonUnit),
            new DiscountRate(_options.DiscountRate, _options.DiscountPeriod),
            _options.Margin);
        return new LifetimeValueScoringModel(calculator);
    }

    /// <inheritdoc />
    public IScoringModel LoadModel(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        LifetimeValueScoringModelDocument doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, RelationshipKitJsonContext.Default.LifetimeValueScoringModelDocument) ?? throw new JsonException("The JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        if (!string.Equals(doc.Kind, StrategyKind, StringComparison.Ordinal))
        {
            throw new JsonException($"'kind' is '{doc.Kind}', not '{StrategyKind}'.");
        }

        try
        {
            ITransactionModel transaction = doc.TransactionModel.Model switch
            {
                BgNbdModel.ModelKind => BgNbdModel.FromDocument(doc.TransactionModel),
                ModifiedBgNbdModel.ModelKind => ModifiedBgNbdModel.FromDocument(doc.TransactionModel),
                ParetoNbdModel.ModelKind => ParetoNbdModel.FromDocument(doc.TransactionModel),
                BgBbModel.ModelKind => BgBbModel.FromDocument(doc.TransactionModel),
                _ => throw new JsonException($"'transactionModel.model' is '{doc.TransactionModel.Model}'; expected one of {string.Join(", ", LifetimeValueModels.TransactionModelKinds)}."),
            };
            GammaGammaModel? spend = doc.SpendModel is null ? null : GammaGammaModel.FromDocument(doc.SpendModel);
            var calculator = new LifetimeValueCalculator(transaction, spend, new Horizon(doc.HorizonLength, doc.HorizonUnit), new DiscountRate(doc.DiscountRate, doc.DiscountPeriod), doc.Margin);
            return new LifetimeValueScoringModel(calculator);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"The model is not valid: {ex.Message}", ex);
        }
    }

    private static bool HasRepeatCustomers(CustomerSummaryTable population)
    {
        foreach (int x in population.Frequency)
        {
            if (x > 0)
            {
                return true;
            }
        }

        return false;
    }
}
