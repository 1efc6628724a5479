using System.Buffers;
using System.Text.Json;
using RelationshipKit.Serialization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Composite;

/// <summary>
/// A fitted weighted composite: its component models, weights and per-component normalisation. The score is
/// Σ wᵢ·normᵢ(sᵢ) / Σ wᵢ, in [0, 1]; immutable, thread-safe and serialisable.
/// </summary>
/// <remarks>
/// <para>Percentile rank normalisation keeps, per component, the fitted scores' percentile ranks
/// (below + equal/2)/n at up to <see cref="CompositeScoringOptions.MaxKnots"/> knots: every distinct fitted score when
/// there are no more (then a fitted score gets its exact percentile rank), else evenly spaced order statistics. A score
/// between knots is interpolated linearly, one below every fitted score is 0 and one above is 1.</para>
/// <para>The composite value also carries, from the first component that provides them, the RFM cell and segment,
/// the tier, and the lifetime-value figures (P(alive), expected purchases and spend, lifetime value).</para>
/// </remarks>
public sealed class WeightedCompositeModel : IScoringModel
{
    internal const int FormatVersion = 1;
    private const int ChunkSize = 4096;

    private readonly Part[] _parts;
    private readonly double _weightSum;

    internal WeightedCompositeModel(TimeUnit timeUnit, CompositeNormalization normalization, Part[] parts)
    {
        TimeUnit = timeUnit;
        Normalization = normalization;
        _parts = parts;
        _weightSum = parts.Sum(p => p.Weight);
    }

    /// <inheritdoc />
    public string Kind => WeightedCompositeStrategy.KindName;

    /// <inheritdoc />
    public TimeUnit TimeUnit { get; }

    /// <summary>How component scores were normalised.</summary>
    public CompositeNormalization Normalization { get; }

    /// <summary>The component names, in order.</summary>
    public IReadOnlyList<string> Components => _parts.Select(p => p.Name).ToArray();

    /// <summary>The component weights, in order.</summary>
    public IReadOnlyList<double> Weights => _parts.Select(p => p.Weight).ToArray();

    internal ReadOnlySpan<Part> Parts => _parts;

    /// <summary>Gets a component's fitted model.</summary>
    /// <param name="component">The component name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="component"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">There is no such component.</exception>
    public IScoringModel GetComponentModel(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        foreach (Part part in _parts)
        {
            if (string.Equals(part.Name, component, StringComparison.Ordinal))
            {
                return part.Model;
            }
        }

        throw new KeyNotFoundException($"The composite has no component '{component}'. Components: {string.Join(", ", _parts.Select(p => $"'{p.Name}'"))}.");
    }

    /// <inheritdoc />
    public CustomerValue Score(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        CheckUnit(customer.TimeUnit, nameof(customer));
        double sum = 0;
        CustomerValue carried = default;
        for (int c = 0; c < _parts.Length; c++)
        {
            CustomerValue value = _parts[c].Model.Score(customer);
            sum += _parts[c].Weight * _parts[c].Normalizer.Normalize(value.Score);
            carried = c == 0 ? value : Carry(carried, value);
        }

        return Compose(customer.CustomerId, sum / _weightSum, carried);
    }

    /// <inheritdoc />
    public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckUnit(customers.TimeUnit, nameof(customers));
        if (destination.Length < customers.Count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but the table has {customers.Count} customers.", nameof(destination));
        }

        CustomerValue[] buffer = ArrayPool<CustomerValue>.Shared.Rent(Math.Min(ChunkSize, Math.Max(customers.Count, 1)));
        double[] sums = ArrayPool<double>.Shared.Rent(Math.Min(ChunkSize, Math.Max(customers.Count, 1)));
        try
        {
            for (int start = 0; start < customers.Count; start += ChunkSize)
            {
                int length = Math.Min(ChunkSize, customers.Count - start);
                CustomerSummaryTable chunk = customers.Slice(start, length);
                Span<CustomerValue> target = destination.Slice(start, length);
                Array.Clear(sums, 0, length);
                for (int c = 0; c < _parts.Length; c++)
                {
                    Part part = _parts[c];
                    part.Model.Score(chunk, buffer.AsSpan(0, length));
                    for (int i = 0; i < length; i++)
                    {
                        sums[i] += part.Weight * part.Normalizer.Normalize(buffer[i].Score);
                        target[i] = c == 0 ? buffer[i] : Carry(target[i], buffer[i]);
                    }
                }

                ReadOnlySpan<CustomerId> ids = chunk.CustomerIds;
                for (int i = 0; i < length; i++)
                {
                    target[i] = Compose(ids[i], sums[i] / _weightSum, target[i]);
                }
            }
        }
        finally
        {
            ArrayPool<CustomerValue>.Shared.Return(buffer, clearArray: true);
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <inheritdoc />
    public string ToJson() => JsonSerializer.Serialize(WeightedCompositeModelDocument.From(this), RelationshipKitJsonContext.Default.WeightedCompositeModelDocument);

    /// <summary>Keeps what <paramref name="soFar"/> has, and fills what it lacks from <paramref name="next"/>.</summary>
    private static CustomerValue Carry(CustomerValue soFar, CustomerValue next)
    {
        CustomerValue result = soFar;
        if (!result.Rfm.HasValue && next.Rfm is { } rfm)
        {
            result = result.WithRfm(rfm, next.Segment);
        }

        if (result.Tier is null && next.Tier is not null)
        {
            result = result.WithTier(next.Tier);
        }

        bool hasLifetime = result.ProbabilityAlive.HasValue || result.ExpectedPurchases.HasValue || result.ExpectedSpend.HasValue || result.LifetimeValue.HasValue;
        bool nextLifetime = next.ProbabilityAlive.HasValue || next.ExpectedPurchases.HasValue || next.ExpectedSpend.HasValue || next.LifetimeValue.HasValue;
        if (!hasLifetime && nextLifetime)
        {
            result = result.WithLifetimeValue(next.ProbabilityAlive, next.ExpectedPurchases, next.ExpectedSpend, next.LifetimeValue);
        }

        return result;
    }

    private static CustomerValue Compose(CustomerId id, double score, CustomerValue carried)
    {
        CustomerValue value = new(id, score);
        if (carried.Rfm is { } rfm)
        {
            value = value.WithRfm(rfm, carried.Segment);
        }

        if (carried.Tier is not null)
        {
            value = value.WithTier(carried.Tier);
        }

        if (carried.ProbabilityAlive.HasValue || carried.ExpectedPurchases.HasValue || carried.ExpectedSpend.HasValue || carried.LifetimeValue.HasValue)
        {
            value = value.WithLifetimeValue(carried.ProbabilityAlive, carried.ExpectedPurchases, carried.ExpectedSpend, carried.LifetimeValue);
        }

        return value;
    }

    private void CheckUnit(TimeUnit unit, string name)
    {
        if (unit != TimeUnit)
        {
            throw new ArgumentException($"The input is in {unit}s but the model works in {TimeUnit}s.", name);
        }
    }

    /// <summary>One fitted component.</summary>
    internal sealed record Part(string Name, double Weight, IScoringModel Model, ScoreNormalizer Normalizer);
}
