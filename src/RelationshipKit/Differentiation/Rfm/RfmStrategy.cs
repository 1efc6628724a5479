using System.Buffers;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// RFM scoring: fits recency, frequency and monetary bins on a population of customer summaries and returns an
/// <see cref="RfmModel"/> that gives every customer an RFM cell, a combined score and a named segment.
/// </summary>
/// <remarks>
/// <para>Registered under the name <c>"rfm"</c> by <c>builder.AddRfmScoring(...)</c>, through the same
/// <c>AddScoringStrategy</c> door as a host's own strategies; also usable with <c>new</c>.</para>
/// <para><b>Quantile bins.</b> Let n be the population size and k the bin count. With
/// <see cref="RfmTiePolicy.First"/>, customers are ranked 1..n by value, ties by ascending customer id (ordinal),
/// and rank r gets bin max(1, ⌈k(r − 1)/(n − 1)⌉): the bins of pandas
/// <c>qcut(x.rank(method='first'), k, labels=1..k)</c>, whose edges are the linear-interpolation quantiles
/// 1 + (n − 1)·j/k of the ranks, right-closed with the lowest included. The edges are computed here in exact integer
/// arithmetic. pandas computes j/k in floating point, which for k = 3, 6, 7, 9 or 10 sometimes moves a rank lying
/// exactly on an edge one bin up (for example n = 19, k = 6: pandas 1.5 puts rank 16 in bin 6, the exact edge 16 in
/// bin 5); for k = 2, 4, 5 and 8 the two agree (checked for every n below 3,000). A population of one customer gets bin 1
/// (pandas raises there). Bin sizes differ by at most one; n below k leaves some bins empty (n = 3, k = 5 gives bins
/// 1, 3 and 5).</para>
/// <para>With <see cref="RfmTiePolicy.Shared"/>, every distinct value gets the bin of its mid-rank L + (E + 1)/2
/// (L values below it, E equal to it) under the same edges: the median of the bins <see cref="RfmTiePolicy.First"/>
/// would give its customers, which is the single bin that changes the fewest scores (sum of absolute changes) from
/// the <see cref="RfmTiePolicy.First"/> assignment. The mid-rank is the classical treatment of ties in rank
/// statistics (Kendall, 1945; pandas <c>rank(method='average')</c>).
/// Without ties both policies give the same bins.</para>
/// <para>Fitting costs O(n) expected time per dimension: a selection of the k − 1 values that end the bins, one
/// counting pass, and for <see cref="RfmTiePolicy.First"/> a selection of ids inside runs of equal values that
/// straddle an edge. Integer values within a range of 65,536 (purchase periods; recency in whole days) are counted in
/// one histogram pass instead, which gives the same edges bit for bit. With
/// <see cref="RfmOptions.MaxDegreeOfParallelism"/> above 1 and at least 65,536 customers, the dimensions are fitted
/// side by side, each thread reading its own dimension's values; the model is the same as on one thread. The fitted model stores the edges (see <see cref="RfmBins"/>), so it scores new
/// customers, and it reproduces the fitted population's own scores exactly.</para>
/// <para>The strategy is immutable and thread-safe; <see cref="Fit(CustomerSummaryTable)"/> may run concurrently.</para>
/// </remarks>
public sealed class RfmStrategy : IScoringStrategy
{
    /// <summary>The <see cref="Kind"/> of RFM strategies and models, and the name <c>AddRfmScoring</c> registers.</summary>
    public const string KindName = "rfm";

    /// <summary>The fewest customers a fit spreads over threads (<see cref="RfmOptions.MaxDegreeOfParallelism"/>).</summary>
    internal const int MinCustomersPerParallelFit = 1 << 16;

    private readonly RfmOptions _options;

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it (for segment rules, it lists the overlapping or uncovered cells).</exception>
    public RfmStrategy(RfmOptions? options = null)
    {
        _options = (options ?? new RfmOptions()).Clone();
        _options.ThrowIfInvalid();
        Segments = _options.CreateSegmentTable();
    }

    /// <inheritdoc />
    public string Kind => KindName;

    /// <summary>The number of bins k.</summary>
    public int Bins => _options.Bins;

    /// <summary>The tie policy of quantile bins.</summary>
    public RfmTiePolicy TiePolicy => _options.TiePolicy;

    /// <summary>The spend figure the monetary dimension ranks.</summary>
    public RfmMonetaryBasis MonetaryBasis => _options.Monetary;

    /// <summary>The segment table every fitted model uses.</summary>
    public RfmSegmentTable Segments { get; }

    /// <summary>Fits the bins on a population.</summary>
    /// <param name="population">The customers; at least one unless all three dimensions have fixed thresholds. Customer ids are assumed distinct (customers with the same id and value share a score).</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty and a dimension needs quantiles.</exception>
    public RfmModel Fit(CustomerSummaryTable population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return Fit(population, nameof(population));
    }

    /// <summary>Fits the bins on a population built straight from transactions (<see cref="RfmPopulation.FromTransactions"/>).</summary>
    /// <param name="population">The customers; at least one unless all three dimensions have fixed thresholds. Customer ids are assumed distinct.</param>
    /// <returns>The model, which uses purchase history (total spend): identical to the model fitted on the summaries of the same log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty and a dimension needs quantiles.</exception>
    public RfmModel Fit(RfmPopulation population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return Fit(population, nameof(population));
    }

    /// <summary>Fits a table or a population (<paramref name="source"/>; see <see cref="RfmInputs.Of"/>: the inputs are a ref struct, so each thread makes its own).</summary>
    private RfmModel Fit(object source, string parameterName)
    {
        RfmInputs inputs = RfmInputs.Of(source);
        int n = inputs.Count;
        bool allFixed = _options.RecencyThresholds is not null && _options.FrequencyThresholds is not null && _options.MonetaryThresholds is not null;
        if (n == 0 && !allFixed)
        {
            throw new ArgumentException("RFM quantile bins need at least one customer; the population is empty.", parameterName);
        }

        var bins = new RfmBins?[3];
        IList<double>?[] thresholds = [_options.RecencyThresholds, _options.FrequencyThresholds, _options.MonetaryThresholds];

        // The dimensions to fit, the heaviest first (frequency: few distinct values, so large runs of ties to break
        // by id), so that with two threads one takes it and the other the two lighter ones.
        Span<int> pending = stackalloc int[3];
        int count = 0;
        foreach (int d in (ReadOnlySpan<int>)[1, 0, 2])
        {
            if (thresholds[d] is { } t)
            {
                bins[d] = RfmBinFitter.FromThresholds(t);
            }
            else
            {
                pending[count++] = d;
            }
        }

        int workers = n >= MinCustomersPerParallelFit ? Math.Min(_options.MaxDegreeOfParallelism, count) : 1;
        if (workers > 1)
        {
            // Each thread takes the next pending dimension and reads its values itself.
            int[] order = pending[..count].ToArray();
            int next = -1;
            void Work()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < order.Length)
                {
                    int d = order[i];
                    bins[d] = FitDimension(RfmInputs.Of(source), d);
                }
            }

            var helpers = new Task[workers - 1];
            for (int w = 0; w < helpers.Length; w++)
            {
                helpers[w] = Task.Run(Work);
            }

            try
            {
                Work();
            }
            finally
            {
                Task.WaitAll(helpers);
            }
        }
        else
        {
            foreach (int d in pending[..count])
            {
                bins[d] = FitDimension(inputs, d);
            }
        }

        return new RfmModel(
            inputs.TimeUnit,
            inputs.HasHistory,
            _options.Monetary,
            bins[0]!,
            bins[1]!,
            bins[2]!,
            _options.RecencyWeight,
            _options.FrequencyWeight,
            _options.MonetaryWeight,
            Segments,
            _options.MaxDegreeOfParallelism);
    }

    /// <summary>Fits the quantile bins of dimension <paramref name="dimension"/> (0 recency, 1 frequency, 2 monetary), reading stored columns in place where the inputs have them.</summary>
    private RfmBins FitDimension(RfmInputs inputs, int dimension)
    {
        int k = _options.Bins;
        RfmTiePolicy policy = _options.TiePolicy;
        ReadOnlySpan<CustomerId> ids = inputs.Ids;
        if (dimension == 1 && inputs.TryPurchasePeriodColumn(out ReadOnlySpan<int> periods))
        {
            return RfmBinFitter.FitQuantiles(periods, ids, k, policy);
        }

        if ((dimension == 0 && inputs.TryRecencyColumn(out ReadOnlySpan<double> stored))
            || (dimension == 2 && inputs.TryMonetaryColumn(_options.Monetary, out stored)))
        {
            return RfmBinFitter.FitQuantiles(stored, ids, k, policy);
        }

        int n = inputs.Count;
        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(n, 1));
        try
        {
            Span<double> values = buffer.AsSpan(0, n);
            switch (dimension)
            {
                case 0:
                    inputs.Recency(0, values);
                    break;
                case 1:
                    inputs.Frequency(0, values);
                    break;
                default:
                    inputs.Monetary(0, values, _options.Monetary);
                    break;
            }

            return RfmBinFitter.FitQuantiles(values, ids, k, policy);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Loads a model written by <see cref="RfmModel.ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>A model that scores bit-identically to the one that was written (its own bins, weights and segments, whatever this strategy's options; only its <see cref="RfmModel.MaxDegreeOfParallelism"/>, a run-time setting, comes from this strategy's options).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid RFM model; the message says which member is wrong.</exception>
    public RfmModel LoadModel(string json) => RfmModelDocument.Read(json, _options.MaxDegreeOfParallelism);

    /// <inheritdoc />
    IScoringModel IScoringStrategy.Fit(CustomerSummaryTable population) => Fit(population);

    /// <inheritdoc />
    IScoringModel IScoringStrategy.LoadModel(string json) => LoadModel(json);
}
