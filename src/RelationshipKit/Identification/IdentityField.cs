namespace RelationshipKit.Identification;

/// <summary>The typed fields of an <see cref="IdentityRecord"/>.</summary>
/// <remarks>Each field has a fixed <see cref="FieldKind"/> that decides how it is normalised (see <see cref="FieldSelector.Kind"/>).</remarks>
public enum IdentityField
{
    /// <summary>Given (first) name; normalised as a <see cref="FieldKind.Name"/>.</summary>
    GivenName = 0,

    /// <summary>Family name (surname); normalised as a <see cref="FieldKind.Name"/>.</summary>
    FamilyName = 1,

    /// <summary>Full name in one string; normalised as a <see cref="FieldKind.Name"/>.</summary>
    FullName = 2,

    /// <summary>E-mail address; normalised as an <see cref="FieldKind.Email"/>.</summary>
    Email = 3,

    /// <summary>Phone number; normalised as a <see cref="FieldKind.Phone"/>.</summary>
    Phone = 4,

    /// <summary>Birth date as text in one of the configured formats; normalised as a <see cref="FieldKind.Date"/>.</summary>
    BirthDate = 5,

    /// <summary>House or street number; normalised as an <see cref="FieldKind.Identifier"/>.</summary>
    StreetNumber = 6,

    /// <summary>Street (first address line); normalised as a <see cref="FieldKind.Street"/>.</summary>
    Street = 7,

    /// <summary>Second address line (building, district); normalised as a <see cref="FieldKind.Street"/>.</summary>
    Street2 = 8,

    /// <summary>Locality (town, city, suburb); normalised as <see cref="FieldKind.Text"/>.</summary>
    Locality = 9,

    /// <summary>Postcode; normalised as a <see cref="FieldKind.Postcode"/>.</summary>
    Postcode = 10,

    /// <summary>Region (state, county, province); normalised as <see cref="FieldKind.Text"/>.</summary>
    Region = 11,

    /// <summary>Country; normalised as <see cref="FieldKind.Text"/>.</summary>
    Country = 12,

    /// <summary>A national, tax or loyalty id; normalised as an <see cref="FieldKind.Identifier"/>.</summary>
    NationalId = 13,
}
