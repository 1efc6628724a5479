namespace RelationshipKit.Differentiation;

/// <summary>
/// What a scoring model says about one customer: a headline <see cref="Score"/> (for ranking, tiers and
/// composites) and, where the model provides them, the RFM cell and segment, P(alive), expected purchases,
/// expected spend and lifetime value.
/// </summary>
/// <remarks>
/// An immutable value with no per-customer heap allocation (segment and tier names are shared strings of the
/// model). Build it with the constructor and the <c>With...</c> methods, which return changed copies.
/// </remarks>
public readonly record struct CustomerValue
{
    // Layout: the optional figures are held as plain fields with one presence bit each, not as Nullable<T> (a
    // double? takes 16 bytes), so that a value is 64 bytes instead of 104: span scoring writes one per customer, and
    // for a million customers the difference is 40 MB of memory traffic. An absent figure's field holds its default,
    // so that the generated equality still compares exactly what the properties show. The segment and tier names
    // share one reference field (a value is then 64 bytes, one cache line, with two references for the garbage
    // collector's write barrier instead of three): the name itself when only one is set (a presence bit says which),
    // a pair when both are. The form is canonical, so equal properties mean equal fields.
    private const byte HasRfm = 1;
    private const byte HasProbabilityAlive = 2;
    private const byte HasExpectedPurchases = 4;
    private const byte HasExpectedSpend = 8;
    private const byte HasLifetimeValue = 16;
    private const byte LabelIsSegment = 32;
    private const byte LabelIsTier = 64;

    private readonly double _probabilityAlive;
    private readonly double _expectedPurchases;
    private readonly double _expectedSpend;
    private readonly double _lifetimeValue;
    private readonly RfmScore _rfm;
    private readonly byte _present;
    private readonly object? _labels;

    /// <summary>Creates a value with a headline score only.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="score">The headline score; higher is more valuable; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN or infinite.</exception>
    public CustomerValue(CustomerId customerId, double score)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "The score must be finite.");
        }

        CustomerId = customerId;
        Score = score;
    }

    /// <summary>Creates an RFM value in one step, for span scoring (the caller guarantees a finite score).</summary>
    internal CustomerValue(CustomerId customerId, double score, RfmScore rfm, string? segment)
    {
        CustomerId = customerId;
        Score = score;
        _rfm = rfm;
        _present = segment is null ? HasRfm : (byte)(HasRfm | LabelIsSegment);
        _labels = segment;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The headline score; higher is more valuable. Its scale is the model's.</summary>
    public double Score { get; }

    /// <summary>The RFM cell, when the model is an RFM model.</summary>
    public RfmScore? Rfm
    {
        get => (_present & HasRfm) != 0 ? _rfm : null;
        private init
        {
            _rfm = value.GetValueOrDefault();
            _present = value.HasValue ? (byte)(_present | HasRfm) : (byte)(_present & ~HasRfm);
        }
    }

    /// <summary>The named segment, when the model assigns one.</summary>
    public string? Segment
    {
        get => _labels is LabelPair pair ? pair.Segment : (_present & LabelIsSegment) != 0 ? (string)_labels! : null;
        private init => (_labels, _present) = Labels(value, Tier, _present);
    }

    /// <summary>The value tier, when one was assigned.</summary>
    public string? Tier
    {
        get => _labels is LabelPair pair ? pair.Tier : (_present & LabelIsTier) != 0 ? (string)_labels! : null;
        private init => (_labels, _present) = Labels(Segment, value, _present);
    }

    /// <summary>The probability that the customer is still active, in [0, 1].</summary>
    public double? ProbabilityAlive
    {
        get => (_present & HasProbabilityAlive) != 0 ? _probabilityAlive : null;
        private init
        {
            _probabilityAlive = value.GetValueOrDefault();
            _present = value.HasValue ? (byte)(_present | HasProbabilityAlive) : (byte)(_present & ~HasProbabilityAlive);
        }
    }

    /// <summary>The expected number of purchases over the model's horizon.</summary>
    public double? ExpectedPurchases
    {
        get => (_present & HasExpectedPurchases) != 0 ? _expectedPurchases : null;
        private init
        {
            _expectedPurchases = value.GetValueOrDefault();
            _present = value.HasValue ? (byte)(_present | HasExpectedPurchases) : (byte)(_present & ~HasExpectedPurchases);
        }
    }

    /// <summary>The expected spend per purchase.</summary>
    public double? ExpectedSpend
    {
        get => (_present & HasExpectedSpend) != 0 ? _expectedSpend : null;
        private init
        {
            _expectedSpend = value.GetValueOrDefault();
            _present = value.HasValue ? (byte)(_present | HasExpectedSpend) : (byte)(_present & ~HasExpectedSpend);
        }
    }

    /// <summary>The customer lifetime value over the model's horizon (discounted, with margin, as configured).</summary>
    public double? LifetimeValue
    {
        get => (_present & HasLifetimeValue) != 0 ? _lifetimeValue : null;
        private init
        {
            _lifetimeValue = value.GetValueOrDefault();
            _present = value.HasValue ? (byte)(_present | HasLifetimeValue) : (byte)(_present & ~HasLifetimeValue);
        }
    }

    /// <summary>Returns a copy with the RFM cell and segment set.</summary>
    /// <param name="rfm">The cell.</param>
    /// <param name="segment">The segment name, or <see langword="null"/>.</param>
    /// <returns>The changed copy.</returns>
    public CustomerValue WithRfm(RfmScore rfm, string? segment) => this with { Rfm = rfm, Segment = segment };

    /// <summary>Returns a copy with the tier set.</summary>
    /// <param name="tier">The tier name, or <see langword="null"/> to clear it.</param>
    /// <returns>The changed copy.</returns>
    public CustomerValue WithTier(string? tier) => this with { Tier = tier };

    /// <summary>Returns a copy with the lifetime-value figures set; each may be <see langword="null"/> when the model lacks it.</summary>
    /// <param name="probabilityAlive">P(alive), in [0, 1].</param>
    /// <param name="expectedPurchases">Expected purchases over the horizon, 0 or more.</param>
    /// <param name="expectedSpend">Expected spend per purchase.</param>
    /// <param name="lifetimeValue">Lifetime value.</param>
    /// <returns>The changed copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is NaN or infinite, or P(alive) is outside [0, 1], or expected purchases are negative.</exception>
    public CustomerValue WithLifetimeValue(double? probabilityAlive, double? expectedPurchases, double? expectedSpend, double? lifetimeValue)
    {
        if (probabilityAlive is { } p && !(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), p, "P(alive) must be in [0, 1].");
        }

        if (expectedPurchases is { } e && !(double.IsFinite(e) && e >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedPurchases), e, "Expected purchases must be finite and 0 or more.");
        }

        if (expectedSpend is { } s && !double.IsFinite(s))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedSpend), s, "Expected spend must be finite.");
        }

        if (lifetimeValue is { } v && !double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetimeValue), v, "Lifetime value must be finite.");
        }

        return this with { ProbabilityAlive = probabilityAlive, ExpectedPurchases = expectedPurchases, ExpectedSpend = expectedSpend, LifetimeValue = lifetimeValue };
    }

    /// <summary>The label field and presence bits for a segment and a tier, in the canonical form.</summary>
    private static (object? Labels, byte Present) Labels(string? segment, string? tier, byte present)
    {
        present = (byte)(present & ~(LabelIsSegment | LabelIsTier));
        return (segment, tier) switch
        {
            (null, null) => (null, present),
            (not null, null) => (segment, (byte)(present | LabelIsSegment)),
            (null, not null) => (tier, (byte)(present | LabelIsTier)),
            _ => (new LabelPair(segment, tier), present),
        };
    }

    /// <summary>Both names, when a value has a segment and a tier.</summary>
    private sealed record LabelPair(string Segment, string Tier);
}
