namespace RelationshipKit.Loyalty;

/// <summary>Ready-made <see cref="SegmentPredicate"/>s over the profile, scores, stages and engagement, and combinators.</summary>
/// <remarks>Each method builds its predicate once (argument checks happen here); the predicates are pure, allocation-free and thread-safe. Text comparisons ignore case (ordinal).</remarks>
public static class SegmentPredicates
{
    /// <summary>The birthday falls within the next <paramref name="days"/> days (0 = today).</summary>
    /// <param name="days">The window; 0 to 365.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is outside 0 to 365.</exception>
    public static SegmentPredicate BirthdayWithin(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 365);
        return (in s, in c) => s.DaysUntilBirthday(c.AsOf) is { } d && d <= days;
    }

    /// <summary>The birthday is in the month of the context's time.</summary>
    /// <returns>The predicate.</returns>
    public static SegmentPredicate BirthdayThisMonth() => (in s, in c) => s.BirthDate is { } b && b.Month == c.AsOf.Month;

    /// <summary>The customer lives in <paramref name="locality"/>.</summary>
    /// <param name="locality">The city or town.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="locality"/> is null or white space.</exception>
    public static SegmentPredicate InLocality(string locality)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locality);
        return (in s, in _) => string.Equals(s.Locality, locality, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The customer lives in <paramref name="region"/>.</summary>
    /// <param name="region">The region.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is null or white space.</exception>
    public static SegmentPredicate InRegion(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return (in s, in _) => string.Equals(s.Region, region, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The customer belongs to a known household.</summary>
    /// <returns>The predicate.</returns>
    public static SegmentPredicate InAnyHousehold() => (in s, in _) => s.HouseholdId is not null;

    /// <summary>The customer belongs to household <paramref name="householdId"/>.</summary>
    /// <param name="householdId">The host's household key.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="householdId"/> is null or white space.</exception>
    public static SegmentPredicate InHousehold(string householdId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(householdId);
        return (in s, in _) => string.Equals(s.HouseholdId, householdId, StringComparison.Ordinal);
    }

    /// <summary>The customer's RFM segment is <paramref name="segment"/>.</summary>
    /// <param name="segment">The RFM segment name.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="segment"/> is null or white space.</exception>
    public static SegmentPredicate RfmSegment(string segment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        return (in s, in _) => string.Equals(s.RfmSegment, segment, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The customer's value tier is <paramref name="tier"/>.</summary>
    /// <param name="tier">The tier name.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="tier"/> is null or white space.</exception>
    public static SegmentPredicate Tier(string tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tier);
        return (in s, in _) => string.Equals(s.Tier, tier, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The customer's lifetime value is at least <paramref name="minimum"/>.</summary>
    /// <param name="minimum">The threshold; finite.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is not finite.</exception>
    public static SegmentPredicate LifetimeValueAtLeast(double minimum)
    {
        if (!double.IsFinite(minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The threshold must be finite.");
        }

        return (in s, in _) => s.LifetimeValue is { } v && v >= minimum;
    }

    /// <summary>The customer's P(alive) is below <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The threshold, in (0, 1].</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside (0, 1].</exception>
    public static SegmentPredicate ProbabilityAliveBelow(double threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1].");
        }

        return (in s, in _) => s.ProbabilityAlive is { } p && p < threshold;
    }

    /// <summary>The customer is in <paramref name="stage"/> on the loyalty ladder (<see cref="LoyaltyContext.LoyaltyStage"/>).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is the default value.</exception>
    public static SegmentPredicate InLoyaltyStage(Stage stage)
    {
        CheckStage(stage);
        return (in _, in c) => c.LoyaltyStage == stage;
    }

    /// <summary>The customer is in <paramref name="stage"/> of the lifecycle (<see cref="LoyaltyContext.LifecycleStage"/>).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is the default value.</exception>
    public static SegmentPredicate InLifecycleStage(Stage stage)
    {
        CheckStage(stage);
        return (in _, in c) => c.LifecycleStage == stage;
    }

    /// <summary>The customer has an unresolved complaint.</summary>
    /// <returns>The predicate.</returns>
    public static SegmentPredicate HasOpenComplaint() => (in s, in _) => s.OpenComplaints > 0;

    /// <summary>The customer made at least <paramref name="minimum"/> referrals.</summary>
    /// <param name="minimum">The threshold; 1 or more.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is less than 1.</exception>
    public static SegmentPredicate ReferralsAtLeast(int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        return (in s, in _) => s.Referrals >= minimum;
    }

    /// <summary>The customer bought in at least <paramref name="minimum"/> purchase periods.</summary>
    /// <param name="minimum">The threshold; 1 or more.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is less than 1.</exception>
    public static SegmentPredicate PurchasesAtLeast(int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        return (in s, in _) => s.PurchaseCount >= minimum;
    }

    /// <summary>Every one of <paramref name="predicates"/> holds.</summary>
    /// <param name="predicates">The predicates; at least one.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicates"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="predicates"/> is empty.</exception>
    public static SegmentPredicate All(params SegmentPredicate[] predicates)
    {
        SegmentPredicate[] all = Check(predicates);
        return (in s, in c) =>
        {
            foreach (SegmentPredicate p in all)
            {
                if (!p(in s, in c))
                {
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>At least one of <paramref name="predicates"/> holds.</summary>
    /// <param name="predicates">The predicates; at least one.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicates"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="predicates"/> is empty.</exception>
    public static SegmentPredicate Any(params SegmentPredicate[] predicates)
    {
        SegmentPredicate[] any = Check(predicates);
        return (in s, in c) =>
        {
            foreach (SegmentPredicate p in any)
            {
                if (p(in s, in c))
                {
                    return true;
                }
            }

            return false;
        };
    }

    /// <summary><paramref name="predicate"/> does not hold.</summary>
    /// <param name="predicate">The predicate.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    public static SegmentPredicate Not(SegmentPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return (in s, in c) => !predicate(in s, in c);
    }

    private static void CheckStage(Stage stage)
    {
        if (stage.IsEmpty)
        {
            throw new ArgumentException("The stage is the default value.", nameof(stage));
        }
    }

    private static SegmentPredicate[] Check(SegmentPredicate[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        if (predicates.Length == 0)
        {
            throw new ArgumentException("At least one predicate is needed.", nameof(predicates));
        }

        foreach (SegmentPredicate p in predicates)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(predicates));
        }

        return [.. predicates];
    }
}
