using System.Globalization;

namespace RelationshipKit.Differentiation.Tiers;

/// <summary>
/// Value tiers over any model's <see cref="CustomerValue.Score"/> (or any other score, such as profit): ordered from
/// the best, each with a minimum score; a score belongs to the first tier whose minimum it reaches.
/// </summary>
/// <remarks>
/// <para>Tiers come from host thresholds (<see cref="FromThresholds"/>), or from ranks in a population
/// (<see cref="FromTopPercent(ReadOnlySpan{double}, IEnumerable{TopPercentTier})"/>, <see cref="Deciles(ReadOnlySpan{double})"/>): for a tier
/// that ends at the top p percent of n customers, the cut is the ⌈p·n/100⌉-th highest score, and the tier's minimum
/// is that score. Equal scores always get the same tier, so customers tied at a cut all go to the higher tier and a
/// tier can hold more than its share (or none, when ties span it). A tier that ends at 100 percent has no minimum
/// (−∞): it also takes new scores below the whole population. The fitted minimums score new customers later.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class ValueTiers
{
    private readonly ValueTier[] _tiers;

    private ValueTiers(ValueTier[] tiers) => _tiers = tiers;

    /// <summary>The tiers, from the best; minimums do not increase.</summary>
    public IReadOnlyList<ValueTier> Tiers => _tiers;

    /// <summary>Makes tiers from host thresholds.</summary>
    /// <param name="tiers">The tiers, from the best, with strictly decreasing minimums and distinct names; at least one.</param>
    /// <returns>The tiers. A score below the last minimum gets no tier (give the last tier a minimum of -∞ to catch all).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no tier, a tier is the default value, names repeat, or minimums do not strictly decrease.</exception>
    public static ValueTiers FromThresholds(IEnumerable<ValueTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ValueTier[] array = tiers.ToArray();
        CheckNames(array.Select(t => t.Name).ToArray(), nameof(tiers));
        for (int i = 1; i < array.Length; i++)
        {
            if (!(array[i].MinimumScore < array[i - 1].MinimumScore))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Tier minimums must strictly decrease from the best tier; '{array[i].Name}' ({array[i].MinimumScore}) follows '{array[i - 1].Name}' ({array[i - 1].MinimumScore})."),
                    nameof(tiers));
            }
        }

        return new ValueTiers(array);
    }

    /// <summary>Makes tiers from ranks in a population of scores.</summary>
    /// <param name="population">The scores of the population; at least one, each finite.</param>
    /// <param name="tiers">The tiers, from the best, with strictly increasing cumulative top percents and distinct names; at least one.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty or holds a NaN or infinite score, or the tiers are empty, default, repeat a name, or do not strictly increase in top percent.</exception>
    public static ValueTiers FromTopPercent(ReadOnlySpan<double> population, IEnumerable<TopPercentTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        TopPercentTier[] array = tiers.ToArray();
        CheckNames(array.Select(t => t.Name).ToArray(), nameof(tiers));
        for (int i = 1; i < array.Length; i++)
        {
            if (!(array[i].TopPercent > array[i - 1].TopPercent))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Cumulative top percents must strictly increase from the best tier; '{array[i].Name}' ({array[i].TopPercent}) follows '{array[i - 1].Name}' ({array[i - 1].TopPercent})."),
                    nameof(tiers));
            }
        }

        double[] descending = SortedDescending(population, nameof(population));
        int n = descending.Length;
        var result = new ValueTier[array.Length];
        for (int i = 0; i < array.Length; i++)
        {
            TopPercentTier tier = array[i];
            if (tier.TopPercent >= 100)
            {
                result[i] = new ValueTier(tier.Name, double.NegativeInfinity);
                continue;
            }

            // ⌈p·n/100⌉ in decimal, so that 20 % of 10 is exactly 2.
            int cut = (int)Math.Max(1m, Math.Ceiling((decimal)tier.TopPercent * n / 100m));
            result[i] = new ValueTier(tier.Name, descending[cut - 1]);
        }

        return new ValueTiers(result);
    }

    /// <summary>Makes tiers from ranks in a population of customer values (their <see cref="CustomerValue.Score"/>).</summary>
    /// <param name="population">The population; at least one.</param>
    /// <param name="tiers">The tiers, as for <see cref="FromTopPercent(ReadOnlySpan{double}, IEnumerable{TopPercentTier})"/>.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="FromTopPercent(ReadOnlySpan{double}, IEnumerable{TopPercentTier})"/>.</exception>
    public static ValueTiers FromTopPercent(ReadOnlySpan<CustomerValue> population, IEnumerable<TopPercentTier> tiers) =>
        FromTopPercent(ScoresOf(population), tiers);

    /// <summary>Makes ten decile tiers named <c>"D1"</c> (the top 10 percent) to <c>"D10"</c> (the rest).</summary>
    /// <param name="population">The scores of the population; at least one, each finite.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">The population is empty or holds a NaN or infinite score.</exception>
    public static ValueTiers Deciles(ReadOnlySpan<double> population) =>
        FromTopPercent(population, Enumerable.Range(1, 10).Select(d => new TopPercentTier($"D{d}", d * 10)));

    /// <summary>Makes ten decile tiers over customer values (see <see cref="Deciles(ReadOnlySpan{double})"/>).</summary>
    /// <param name="population">The population; at least one.</param>
    /// <returns>The tiers.</returns>
    /// <exception cref="ArgumentException">The population is empty.</exception>
    public static ValueTiers Deciles(ReadOnlySpan<CustomerValue> population) => Deciles(ScoresOf(population));

    /// <summary>Gets the tier of a score.</summary>
    /// <param name="score">The score; not NaN.</param>
    /// <returns>The first tier whose minimum the score reaches, or <see langword="null"/> when it is below every minimum.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN.</exception>
    public string? GetTier(double score)
    {
        if (double.IsNaN(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "The score must not be NaN.");
        }

        int index = TierIndex(score);
        return index < 0 ? null : _tiers[index].Name;
    }

    /// <summary>Sets the tier of every value from its score, in place (<see cref="CustomerValue.WithTier"/>); allocates nothing.</summary>
    /// <param name="values">The values.</param>
    public void AssignTiers(Span<CustomerValue> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = values[i].WithTier(GetTier(values[i].Score));
        }
    }

    /// <summary>Counts the scores in each tier.</summary>
    /// <param name="scores">The scores; none NaN.</param>
    /// <returns>One count per tier, in <see cref="Tiers"/> order, then the count of scores in no tier.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is NaN.</exception>
    public int[] CountTiers(ReadOnlySpan<double> scores)
    {
        var counts = new int[_tiers.Length + 1];
        foreach (double score in scores)
        {
            if (double.IsNaN(score))
            {
                throw new ArgumentOutOfRangeException(nameof(scores), score, "Scores must not be NaN.");
            }

            int index = TierIndex(score);
            counts[index < 0 ? _tiers.Length : index]++;
        }

        return counts;
    }

    private int TierIndex(double score)
    {
        for (int i = 0; i < _tiers.Length; i++)
        {
            if (score >= _tiers[i].MinimumScore)
            {
                return i;
            }
        }

        return -1;
    }

    private static double[] ScoresOf(ReadOnlySpan<CustomerValue> population)
    {
        var scores = new double[population.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = population[i].Score;
        }

        return scores;
    }

    private static double[] SortedDescending(ReadOnlySpan<double> population, string name)
    {
        if (population.IsEmpty)
        {
            throw new ArgumentException("The population is empty; tiers by rank need at least one score.", name);
        }

        for (int i = 0; i < population.Length; i++)
        {
            if (!double.IsFinite(population[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Score {i} of the population is {population[i]}; scores must be finite."), name);
            }
        }

        double[] sorted = population.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        return sorted;
    }

    private static void CheckNames(string?[] names, string parameter)
    {
        if (names.Length == 0)
        {
            throw new ArgumentException("At least one tier is needed.", parameter);
        }

        for (int i = 0; i < names.Length; i++)
        {
            if (names[i] is null)
            {
                throw new ArgumentException($"Tier {i} is the default value; create tiers with their constructor.", parameter);
            }

            for (int j = 0; j < i; j++)
            {
                if (string.Equals(names[i], names[j], StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The tier name '{names[i]}' appears twice.", parameter);
                }
            }
        }
    }
}
