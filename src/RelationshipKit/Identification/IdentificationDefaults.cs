namespace RelationshipKit.Identification;

/// <summary>
/// The default comparisons and blocking rules for person records. They are generic (any country, any source
/// mix) rather than fitted to one data set: names by edit distance and Jaro-Winkler at the thresholds common in the
/// record-linkage literature, dates by digit typos, swaps and distance, codes and identifiers by edit distance.
/// </summary>
/// <remarks>Every call returns new lists that the caller may change. Thread-safe.</remarks>
public static class IdentificationDefaults
{
    /// <summary>
    /// One comparison per typed field (<see cref="Comparison.ForField"/>), except that postcode, locality and region
    /// form one <see cref="Comparison.ForPlace"/> comparison: they describe one place and would otherwise count its
    /// evidence up to three times.
    /// </summary>
    /// <returns>A new list of 12 comparisons.</returns>
    public static IList<Comparison> Comparisons() =>
    [
        .. Enum.GetValues<IdentityField>()
            .Where(f => f is not (IdentityField.Postcode or IdentityField.Locality or IdentityField.Region))
            .Select(f => Comparison.ForField(f)),
        Comparison.ForPlace(),
    ];

    /// <summary>
    /// Blocking rules for person records: any one strong identifier (e-mail, phone, national id, full name), or two
    /// weaker fields together (given and family name; a name with the birth date; birth date, family or given name
    /// with the postcode; street with postcode). A true pair is missed only when every rule has a corrupted or missing
    /// part.
    /// </summary>
    /// <returns>A new list of rules.</returns>
    public static IList<BlockingRule> BlockingRules() =>
    [
        BlockingRule.On(IdentityField.Email),
        BlockingRule.On(IdentityField.Phone),
        BlockingRule.On(IdentityField.NationalId),
        BlockingRule.On(IdentityField.FullName),
        BlockingRule.On(IdentityField.GivenName, IdentityField.FamilyName),
        BlockingRule.On(IdentityField.FamilyName, IdentityField.BirthDate),
        BlockingRule.On(IdentityField.GivenName, IdentityField.BirthDate),
        BlockingRule.On(IdentityField.BirthDate, IdentityField.Postcode),
        BlockingRule.On(IdentityField.FamilyName, IdentityField.Postcode),
        BlockingRule.On(IdentityField.GivenName, IdentityField.Postcode),
        BlockingRule.On(IdentityField.Street, IdentityField.Postcode),
    ];

    /// <summary>Comparisons and blocking rules for records with free attributes only, each compared as text (the CLI's default without a mapping).</summary>
    /// <param name="attributeNames">The attribute names.</param>
    /// <returns>One <see cref="Comparison.ForText"/> per attribute.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributeNames"/> is <see langword="null"/>.</exception>
    public static IList<Comparison> TextComparisons(IEnumerable<string> attributeNames)
    {
        ArgumentNullException.ThrowIfNull(attributeNames);
        return [.. attributeNames.Select(a => Comparison.ForText(FieldSelector.Attribute(a)))];
    }

    /// <summary>Blocking rules for text attributes: every pair of attributes (or each one alone when there is only one).</summary>
    /// <param name="attributeNames">The attribute names.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributeNames"/> is <see langword="null"/>.</exception>
    public static IList<BlockingRule> TextBlockingRules(IEnumerable<string> attributeNames)
    {
        ArgumentNullException.ThrowIfNull(attributeNames);
        string[] names = [.. attributeNames];
        var rules = new List<BlockingRule>();
        if (names.Length == 1)
        {
            rules.Add(new BlockingRule(BlockingKeyPart.Of(FieldSelector.Attribute(names[0]))));
        }

        for (int i = 0; i < names.Length; i++)
        {
            for (int j = i + 1; j < names.Length; j++)
            {
                rules.Add(new BlockingRule(BlockingKeyPart.Of(FieldSelector.Attribute(names[i])), BlockingKeyPart.Of(FieldSelector.Attribute(names[j]))));
            }
        }

        return rules;
    }
}
