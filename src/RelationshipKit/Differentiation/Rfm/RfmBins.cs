using System.Globalization;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The fitted bins of one RFM dimension: k − 1 upper edges, so that a value v falls in bin
/// 1 + (the number of edges below v), with optional customer-id tie-breakers on edges that split a run of equal values.
/// </summary>
/// <remarks>
/// <para>Bins are right-closed: a value equal to an edge falls in the lower bin (as pandas <c>cut</c> with
/// <c>right=True</c>), except at an edge that carries a tie-breaker. Such an edge exists only with
/// <see cref="RfmBinning.First"/>, where customers with the same value were ranked by ascending customer id and the
/// rank cut fell inside their run: a customer whose value equals the edge goes above it when its id sorts after the
/// tie-breaker id (ordinal), exactly as if it had been ranked with the fitted population. The fitted population's own
/// bins are therefore reproduced exactly, and a new customer is placed where it would have ranked.</para>
/// <para>For recency the values are times since the last purchase and the score is k + 1 − bin.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class RfmBins
{
    private readonly double[] _edges;
    private readonly CustomerId?[] _tieBreakers;

    private readonly RfmBinKernel _kernel;

    internal RfmBins(RfmBinning binning, double[] edges, CustomerId?[] tieBreakers)
    {
        Binning = binning;
        _edges = edges;
        _tieBreakers = tieBreakers;
        _kernel = new RfmBinKernel(edges, tieBreakers);
    }

    /// <summary>How the bins were made.</summary>
    public RfmBinning Binning { get; }

    /// <summary>The number of bins (k).</summary>
    public int Count => _edges.Length + 1;

    /// <summary>
    /// The k − 1 upper edges, non-decreasing. Each is the largest fitted value in its bin or below; with
    /// <see cref="RfmBinning.Shared"/>, an edge below every fitted value (the bins under it are empty) is the largest
    /// double below the smallest fitted value.
    /// </summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>For each edge, the id of the last customer of the fitted population at or below it when the edge splits a run of equal values (<see cref="RfmBinning.First"/> only); otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<CustomerId?> TieBreakers => _tieBreakers;

    internal ReadOnlySpan<double> EdgeSpan => _edges;

    internal ReadOnlySpan<CustomerId?> TieBreakerSpan => _tieBreakers;

    /// <summary>Gets the bin of a value.</summary>
    /// <param name="value">The dimension's value (time since the last purchase, purchase periods or spend); finite.</param>
    /// <param name="customerId">The customer, which decides a value equal to a tie-broken edge.</param>
    /// <returns>The bin, from 1 to <see cref="Count"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public int GetBin(double value, CustomerId customerId)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        }

        return Bin(value, customerId);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Binning}: ({string.Join(", ", _edges.Select(e => e.ToString("R", CultureInfo.InvariantCulture)))})");

    internal RfmBinKernel Kernel => _kernel;

    /// <summary>The bin of a finite value (no checks).</summary>
    internal int Bin(double value, CustomerId customerId) => _kernel.Bin(value, customerId);
}
