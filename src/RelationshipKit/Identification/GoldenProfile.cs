namespace RelationshipKit.Identification;

/// <summary>
/// A customer's best-known values: one per field by the survivorship rules, with each value's source record;
/// all distinct external ids; and the customer's records.
/// </summary>
/// <remarks>Junk (blocked) and unreadable values never survive. Immutable; thread-safe.</remarks>
public sealed class GoldenProfile
{
    internal GoldenProfile(CustomerId customerId, IReadOnlyDictionary<IdentityField, ProfileValue> fields, IReadOnlyList<string> externalIds, IReadOnlyList<IdentityRecordKey> records)
    {
        CustomerId = customerId;
        Fields = fields;
        ExternalIds = externalIds;
        Records = records;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The surviving value of each field that has one.</summary>
    public IReadOnlyDictionary<IdentityField, ProfileValue> Fields { get; }

    /// <summary>Every distinct external id of the customer's records (normalised <c>namespace:value</c>), sorted.</summary>
    public IReadOnlyList<string> ExternalIds { get; }

    /// <summary>The customer's records, earliest observed first.</summary>
    public IReadOnlyList<IdentityRecordKey> Records { get; }

    /// <summary>The surviving value of a field, or <see langword="null"/>.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The value as given, or <see langword="null"/>.</returns>
    public string? this[IdentityField field] => Fields.TryGetValue(field, out ProfileValue v) ? v.Value : null;
}
