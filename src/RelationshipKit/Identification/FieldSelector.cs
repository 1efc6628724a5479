namespace RelationshipKit.Identification;

/// <summary>
/// Names the value a comparison, blocking rule or survivorship rule works on: one of the typed
/// <see cref="IdentityField"/> values, or a free attribute (<see cref="IdentityRecord.Attributes"/>) with the
/// <see cref="FieldKind"/> that normalises it.
/// </summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct FieldSelector
{
    private FieldSelector(IdentityField? field, string? attributeName, FieldKind kind)
    {
        Field = field;
        AttributeName = attributeName;
        Kind = kind;
    }

    /// <summary>The typed field, or <see langword="null"/> for an attribute.</summary>
    public IdentityField? Field { get; }

    /// <summary>The attribute name, or <see langword="null"/> for a typed field.</summary>
    public string? AttributeName { get; }

    /// <summary>How the value is normalised.</summary>
    public FieldKind Kind { get; }

    /// <summary>A readable name: the field name (<c>GivenName</c>) or <c>attribute:NAME</c>.</summary>
    public string DisplayName => Field is { } f ? f.ToString() : "attribute:" + AttributeName;

    /// <summary>Selects a typed field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The selector, with the field's fixed kind.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> is not a defined value.</exception>
    public static FieldSelector Of(IdentityField field)
    {
        if (!Enum.IsDefined(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a defined IdentityField.");
        }

        return new FieldSelector(field, null, KindOf(field));
    }

    /// <summary>Selects a free attribute.</summary>
    /// <param name="name">The attribute name (ordinal, case-sensitive).</param>
    /// <param name="kind">How its values are normalised.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space, or <paramref name="kind"/> is not defined.</exception>
    public static FieldSelector Attribute(string name, FieldKind kind = FieldKind.Text)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An attribute name must not be empty.", nameof(name));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"{kind} is not a defined FieldKind.", nameof(kind));
        }

        return new FieldSelector(null, name, kind);
    }

    /// <summary>Converts a typed field to its selector.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The selector.</returns>
    public static implicit operator FieldSelector(IdentityField field) => Of(field);

    /// <summary>Converts a typed field to its selector.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The selector.</returns>
    public static FieldSelector FromIdentityField(IdentityField field) => Of(field);

    /// <summary>The normalisation kind of a typed field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>Its kind.</returns>
    public static FieldKind KindOf(IdentityField field) => field switch
    {
        IdentityField.GivenName or IdentityField.FamilyName or IdentityField.FullName => FieldKind.Name,
        IdentityField.Email => FieldKind.Email,
        IdentityField.Phone => FieldKind.Phone,
        IdentityField.BirthDate => FieldKind.Date,
        IdentityField.Street or IdentityField.Street2 => FieldKind.Street,
        IdentityField.Postcode => FieldKind.Postcode,
        IdentityField.StreetNumber or IdentityField.NationalId => FieldKind.Identifier,
        _ => FieldKind.Text,
    };

    /// <summary>Returns <see cref="DisplayName"/>.</summary>
    /// <returns>The display name.</returns>
    public override string ToString() => DisplayName;

    internal string? ValueOf(IdentityRecord record) =>
        Field is { } f ? record.GetField(f) : record.Attributes.TryGetValue(AttributeName!, out string? v) ? v : null;
}
