namespace RelationshipKit.Identification;

/// <summary>How a customer's golden profile picks one value per field from the customer's records.</summary>
/// <remarks>A plain options bag: not thread-safe while it is being changed.</remarks>
public sealed class SurvivorshipOptions
{
    internal const SurvivorshipRule DefaultRuleValue = SurvivorshipRule.MostRecent;

    /// <summary>The rule for fields without their own entry in <see cref="Rules"/>.</summary>
    /// <value>Default <see cref="SurvivorshipRule.MostRecent"/>.</value>
    public SurvivorshipRule DefaultRule { get; set; } = DefaultRuleValue;

    /// <summary>Per-field rules that override <see cref="DefaultRule"/> (e.g. <c>BirthDate</c>: <see cref="SurvivorshipRule.MostFrequent"/>).</summary>
    /// <value>Default: empty.</value>
    public IDictionary<IdentityField, SurvivorshipRule> Rules { get; set; } = new Dictionary<IdentityField, SurvivorshipRule>();

    /// <summary>Sources in order of trust for <see cref="SurvivorshipRule.SourcePriority"/> (ordinal names); unlisted sources come after listed ones.</summary>
    /// <value>Default: empty.</value>
    public IList<string> SourcePriority { get; set; } = [];

    internal IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(DefaultRule))
        {
            yield return $"Survivorship.DefaultRule must be a defined SurvivorshipRule; it is {(int)DefaultRule}.";
        }

        if (Rules is null)
        {
            yield return "Survivorship.Rules must not be null.";
        }
        else
        {
            foreach (KeyValuePair<IdentityField, SurvivorshipRule> pair in Rules)
            {
                if (!Enum.IsDefined(pair.Key) || !Enum.IsDefined(pair.Value))
                {
                    yield return $"Survivorship.Rules has an undefined field or rule ({(int)pair.Key}: {(int)pair.Value}).";
                }
            }
        }

        if (SourcePriority is null)
        {
            yield return "Survivorship.SourcePriority must not be null.";
        }
        else if (SourcePriority.Any(string.IsNullOrWhiteSpace))
        {
            yield return "Survivorship.SourcePriority must not contain an empty source.";
        }
    }

    internal SurvivorshipOptions Clone() => new()
    {
        DefaultRule = DefaultRule,
        Rules = new Dictionary<IdentityField, SurvivorshipRule>(Rules),
        SourcePriority = [.. SourcePriority],
    };
}
