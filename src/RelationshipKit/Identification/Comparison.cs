namespace RelationshipKit.Identification;

/// <summary>
/// How one field of two records is compared: an ordered list of <see cref="ComparisonLevel"/> values
/// from the most to the least similar. Fellegi-Sunter training gives each level an m probability (how often true
/// matches fall in it) and a u probability (how often random pairs do); the level's weight is log2(m / u).
/// </summary>
/// <remarks>
/// <para>Two levels are implicit: "missing" (either value missing or blocked; weight 0) is tried first and
/// "else" (no level held) last. With <see cref="TermFrequencyAdjusted"/>, an exact agreement's weight uses the
/// frequency of the agreed value instead of the average u (an agreement on "Smith" counts less than on "Oyelaran").</para>
/// <para>Immutable; thread-safe.</para>
/// </remarks>
public sealed class Comparison
{
    /// <summary>Creates a comparison.</summary>
    /// <param name="field">The field compared.</param>
    /// <param name="levels">The levels, most similar first; 1 to 12.</param>
    /// <param name="termFrequencyAdjusted">Whether exact agreement is weighted by the agreed value's frequency.</param>
    /// <param name="name">A name for reports; the field's display name when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="levels"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no levels or more than 12, a level is the default value, a level repeats, or a date level is used on a field that is not a date (or an e-mail level on a non-e-mail field).</exception>
    public Comparison(FieldSelector field, IEnumerable<ComparisonLevel> levels, bool termFrequencyAdjusted = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (field.Field is null && field.AttributeName is null)
        {
            throw new ArgumentException("The field selector is the default value; use FieldSelector.Of or FieldSelector.Attribute.", nameof(field));
        }

        ComparisonLevel[] copy = [.. levels];
        if (copy.Length is 0 or > MaxLevels)
        {
            throw new ArgumentException($"A comparison needs 1 to {MaxLevels} levels; {field} has {copy.Length}.", nameof(levels));
        }

        if (copy.Distinct().Count() != copy.Length)
        {
            throw new ArgumentException($"The levels of {field} repeat.", nameof(levels));
        }

        foreach (ComparisonLevel level in copy)
        {
            bool dateOnly = level.Kind is ComparisonLevelKind.DateWithinDays or ComparisonLevelKind.DayMonthSwapped;
            if (dateOnly && field.Kind != FieldKind.Date)
            {
                throw new ArgumentException($"Level '{level.Label}' needs a date field; {field} is {field.Kind}.", nameof(levels));
            }

            if (level.Kind == ComparisonLevelKind.EmailLocalPart && field.Kind != FieldKind.Email)
            {
                throw new ArgumentException($"Level '{level.Label}' needs an e-mail field; {field} is {field.Kind}.", nameof(levels));
            }

            if (level.Kind == ComparisonLevelKind.Exact && level.Threshold != 0)
            {
                throw new ArgumentException("A level must be made with the ComparisonLevel factories.", nameof(levels));
            }
        }

        Field = field;
        Levels = Array.AsReadOnly(copy);
        TermFrequencyAdjusted = termFrequencyAdjusted;
        Name = string.IsNullOrWhiteSpace(name) ? field.DisplayName : name;
    }

    /// <summary>The most levels a comparison may have (besides "missing" and "else"), fallbacks included.</summary>
    public const int MaxLevels = 12;

    private Comparison(Comparison primary, Comparison fallback)
    {
        Field = primary.Field;
        Levels = primary.Levels;
        TermFrequencyAdjusted = primary.TermFrequencyAdjusted;
        Fallback = primary.Fallback is null ? fallback : primary.Fallback.WithFallback(fallback);
        Name = primary.Name;
    }

    /// <summary>
    /// The comparison used when this one's field is missing on either record, or <see langword="null"/>. Fallbacks
    /// compare fields that say the same thing less precisely (postcode, then locality, then region), so the evidence
    /// is counted once instead of once per dependent field.
    /// </summary>
    public Comparison? Fallback { get; }

    /// <summary>The number of level indices: "missing", the levels of this comparison and of its fallbacks, and "else".</summary>
    public int LevelCount => Levels.Count + (Fallback is null ? 0 : Fallback.LevelCount - 2) + 2;

    /// <summary>Returns a comparison that uses <paramref name="fallback"/> when this comparison's field is missing on either record.</summary>
    /// <param name="fallback">The fallback (its own fallbacks are kept; its term-frequency setting is ignored).</param>
    /// <returns>The combined comparison, named as this one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fallback"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The combined levels exceed <see cref="MaxLevels"/>.</exception>
    public Comparison WithFallback(Comparison fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (LevelCount + fallback.LevelCount - 4 > MaxLevels)
        {
            throw new ArgumentException($"{Name} with fallback {fallback.Name} would have more than {MaxLevels} levels.", nameof(fallback));
        }

        return new Comparison(this, fallback);
    }

    internal IEnumerable<(FieldSelector Field, IReadOnlyList<ComparisonLevel> Levels)> Stages()
    {
        for (Comparison? c = this; c is not null; c = c.Fallback)
        {
            yield return (c.Field, c.Levels);
        }
    }

    /// <summary>The name used in reports and explanations.</summary>
    public string Name { get; }

    /// <summary>The field compared.</summary>
    public FieldSelector Field { get; }

    /// <summary>The levels, most similar first.</summary>
    public IReadOnlyList<ComparisonLevel> Levels { get; }

    /// <summary>Whether an exact agreement is weighted by the frequency of the agreed value.</summary>
    public bool TermFrequencyAdjusted { get; }

    /// <summary>The label of a level index as used in <see cref="FieldContribution.LevelIndex"/>: 0 is "missing", 1..n the levels, n+1 "else".</summary>
    /// <param name="levelIndex">The index.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..n+1.</exception>
    public string LevelLabel(int levelIndex)
    {
        if (levelIndex < 0 || levelIndex > LevelCount - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(levelIndex), levelIndex, $"{Name} has levels 0 to {LevelCount - 1}.");
        }

        if (levelIndex == 0)
        {
            return "missing";
        }

        if (levelIndex == LevelCount - 1)
        {
            return "else";
        }

        int offset = 0;
        foreach ((FieldSelector field, IReadOnlyList<ComparisonLevel> levels) in Stages())
        {
            if (levelIndex - 1 < offset + levels.Count)
            {
                string label = levels[levelIndex - 1 - offset].Label;
                return offset == 0 ? label : field.DisplayName + " " + label;
            }

            offset += levels.Count;
        }

        return "else";
    }

    /// <summary>
    /// A person's name: exact (term-frequency adjusted), one edit, Jaro-Winkler at least 0.9 and 0.8, initial.
    /// The thresholds follow common practice for names (Winkler 1990; Splink's name comparison).
    /// </summary>
    /// <param name="field">The name field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForName(FieldSelector field) => new(
        field,
        [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1), ComparisonLevel.JaroWinkler(0.9), ComparisonLevel.JaroWinkler(0.8), ComparisonLevel.Initials],
        termFrequencyAdjusted: true);

    /// <summary>A full name in one string: exact (term-frequency adjusted), words reordered, Jaro-Winkler at least 0.9 and 0.8.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForFullName(FieldSelector field) => new(
        field,
        [ComparisonLevel.Exact, ComparisonLevel.TokensReordered, ComparisonLevel.JaroWinkler(0.9), ComparisonLevel.JaroWinkler(0.8)],
        termFrequencyAdjusted: true);

    /// <summary>Free text (street, locality, any attribute): exact, Jaro-Winkler at least 0.9 and 0.8.</summary>
    /// <param name="field">The field.</param>
    /// <param name="termFrequencyAdjusted">Whether exact agreement is weighted by frequency.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForText(FieldSelector field, bool termFrequencyAdjusted = false) => new(
        field,
        [ComparisonLevel.Exact, ComparisonLevel.JaroWinkler(0.9), ComparisonLevel.JaroWinkler(0.8)],
        termFrequencyAdjusted);

    /// <summary>A short code (postcode, region, street number): exact, one edit.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForCode(FieldSelector field) => new(field, [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1)]);

    /// <summary>An identifier typed by people (national or loyalty id): exact, one edit, two edits.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForIdentifier(FieldSelector field) => new(
        field, [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1), ComparisonLevel.DamerauLevenshtein(2)]);

    /// <summary>A date (birth date): exact, day and month swapped, one digit edit of <c>yyyyMMdd</c>, within a year.</summary>
    /// <param name="field">The date field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForDate(FieldSelector field) => new(
        field,
        [ComparisonLevel.Exact, ComparisonLevel.DayMonthSwapped, ComparisonLevel.DamerauLevenshtein(1), ComparisonLevel.DateWithinDays(365)]);

    /// <summary>
    /// An e-mail address: exact, one edit. (A same-local-part level is available but not used by default: the local
    /// part usually spells the name, so it would count the name's evidence twice.)
    /// </summary>
    /// <param name="field">The e-mail field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForEmail(FieldSelector field) => new(field, [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1)]);

    /// <summary>
    /// Where a person lives, counted once: the postcode (exact, one edit); when either postcode is missing, the
    /// locality (exact with term frequencies, Jaro-Winkler at least 0.9); when either locality is missing too, the
    /// region (exact). Postcode, locality and region describe one place, so separate comparisons would count the
    /// same evidence two or three times.
    /// </summary>
    /// <returns>The comparison, named <c>Place</c>.</returns>
    public static Comparison ForPlace() =>
        new Comparison(IdentityField.Postcode, [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1)], name: "Place")
            .WithFallback(new Comparison(IdentityField.Locality, [ComparisonLevel.Exact, ComparisonLevel.JaroWinkler(0.9)])
                .WithFallback(new Comparison(IdentityField.Region, [ComparisonLevel.Exact])));

    /// <summary>A phone number: exact, one edit.</summary>
    /// <param name="field">The phone field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForPhone(FieldSelector field) => new(field, [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1)]);

    /// <summary>The default comparison for a field or attribute, chosen by its kind.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The comparison.</returns>
    public static Comparison ForField(FieldSelector field) => field.Field switch
    {
        IdentityField.GivenName or IdentityField.FamilyName => ForName(field),
        IdentityField.FullName => ForFullName(field),
        IdentityField.Locality => ForText(field, termFrequencyAdjusted: true),
        IdentityField.Country => new Comparison(field, [ComparisonLevel.Exact]),
        IdentityField.NationalId => ForIdentifier(field),
        _ => field.Kind switch
        {
            FieldKind.Name => ForName(field),
            FieldKind.Email => ForEmail(field),
            FieldKind.Phone => ForPhone(field),
            FieldKind.Date => ForDate(field),
            FieldKind.Postcode => ForCode(field),
            FieldKind.Identifier => field.Field == IdentityField.StreetNumber ? ForCode(field) : ForIdentifier(field),
            _ => ForText(field),
        },
    };

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
