using System.Collections.ObjectModel;

namespace RelationshipKit.Identification;

/// <summary>
/// One record about a person from one source (a web account, a loyalty card at the till, a call-centre
/// contact, a newsletter sign-up): the source, the record's id there, when it was observed, typed fields and
/// free attributes. Values are kept as given; identification normalises them (see <see cref="IdentityNormalizer"/>).
/// </summary>
/// <remarks>
/// <para>Set fields with an object initializer: <c>new IdentityRecord("web", "42", at) { GivenName = "Ana", Email = "ana@example.org" }</c>.
/// A field that is <see langword="null"/>, empty or white space is missing. Every field is at most
/// <see cref="MaxFieldLength"/> characters; external ids have the form <c>namespace:value</c>.</para>
/// <para>Immutable once built; thread-safe.</para>
/// </remarks>
public sealed class IdentityRecord
{
    /// <summary>The longest value accepted in any field, attribute or external id.</summary>
    public const int MaxFieldLength = 1000;

    internal const int FieldCount = 14;

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = ReadOnlyDictionary<string, string>.Empty;

    private readonly string?[] _fields;
    private IReadOnlyList<string> _externalIds = [];
    private IReadOnlyDictionary<string, string> _attributes = NoAttributes;

    /// <summary>Creates a record with no fields set.</summary>
    /// <param name="source">The source system or channel; not empty.</param>
    /// <param name="sourceRecordId">The record's id in the source; not empty.</param>
    /// <param name="observedAt">When the source observed the record (used by "most recent" survivorship and by id assignment).</param>
    /// <exception cref="InvalidIdentityRecordException">The source or id is null, empty, white space or too long, or the time is the default value.</exception>
    public IdentityRecord(string source, string sourceRecordId, DateTimeOffset observedAt)
    {
        CheckKeyPart(source, nameof(Source));
        CheckKeyPart(sourceRecordId, nameof(SourceRecordId));
        if (observedAt == default)
        {
            throw new InvalidIdentityRecordException(nameof(ObservedAt), "ObservedAt must be set (it is the default value).", -1);
        }

        Source = source;
        SourceRecordId = sourceRecordId;
        ObservedAt = observedAt;
        _fields = new string?[FieldCount];
    }

    private IdentityRecord(IdentityRecord other)
    {
        Source = other.Source;
        SourceRecordId = other.SourceRecordId;
        ObservedAt = other.ObservedAt;
        _fields = (string?[])other._fields.Clone();
        _externalIds = other._externalIds;
        _attributes = other._attributes;
    }

    /// <summary>The source system or channel.</summary>
    public string Source { get; }

    /// <summary>The record's id in its source.</summary>
    public string SourceRecordId { get; }

    /// <summary>The record's key: source and id.</summary>
    public IdentityRecordKey Key => new(Source, SourceRecordId);

    /// <summary>When the source observed the record.</summary>
    public DateTimeOffset ObservedAt { get; }

    /// <summary>Given (first) name.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? GivenName { get => _fields[0]; init => Set(IdentityField.GivenName, value); }

    /// <summary>Family name.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? FamilyName { get => _fields[1]; init => Set(IdentityField.FamilyName, value); }

    /// <summary>Full name in one string.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? FullName { get => _fields[2]; init => Set(IdentityField.FullName, value); }

    /// <summary>E-mail address.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Email { get => _fields[3]; init => Set(IdentityField.Email, value); }

    /// <summary>Phone number in any common format.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Phone { get => _fields[4]; init => Set(IdentityField.Phone, value); }

    /// <summary>Birth date as text (see <see cref="NormalizationOptions.BirthDateFormats"/>).</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? BirthDate { get => _fields[5]; init => Set(IdentityField.BirthDate, value); }

    /// <summary>House or street number.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? StreetNumber { get => _fields[6]; init => Set(IdentityField.StreetNumber, value); }

    /// <summary>Street (first address line).</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Street { get => _fields[7]; init => Set(IdentityField.Street, value); }

    /// <summary>Second address line.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Street2 { get => _fields[8]; init => Set(IdentityField.Street2, value); }

    /// <summary>Locality (town, city, suburb).</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Locality { get => _fields[9]; init => Set(IdentityField.Locality, value); }

    /// <summary>Postcode.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Postcode { get => _fields[10]; init => Set(IdentityField.Postcode, value); }

    /// <summary>Region (state, county, province).</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Region { get => _fields[11]; init => Set(IdentityField.Region, value); }

    /// <summary>Country.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? Country { get => _fields[12]; init => Set(IdentityField.Country, value); }

    /// <summary>A national, tax or loyalty id.</summary>
    /// <exception cref="InvalidIdentityRecordException">The value is longer than <see cref="MaxFieldLength"/>.</exception>
    public string? NationalId { get => _fields[13]; init => Set(IdentityField.NationalId, value); }

    /// <summary>Ids of the person in other systems, each <c>namespace:value</c> (e.g. <c>loyalty:88123</c>).</summary>
    /// <value>Default: empty.</value>
    /// <exception cref="InvalidIdentityRecordException">An id is null, lacks a namespace or a value, or is too long.</exception>
    public IReadOnlyList<string> ExternalIds
    {
        get => _externalIds;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            string[] copy = [.. value];
            foreach (string? id in copy)
            {
                int colon = id?.IndexOf(':', StringComparison.Ordinal) ?? -1;
                if (id is null || colon <= 0 || colon == id.Length - 1 || string.IsNullOrWhiteSpace(id[..colon]) || string.IsNullOrWhiteSpace(id[(colon + 1)..]))
                {
                    throw new InvalidIdentityRecordException(nameof(ExternalIds), $"External id '{id}' of record {Key} must have the form namespace:value.", -1);
                }

                if (id.Length > MaxFieldLength)
                {
                    throw new InvalidIdentityRecordException(nameof(ExternalIds), $"External id of record {Key} is longer than {MaxFieldLength} characters.", -1);
                }
            }

            _externalIds = Array.AsReadOnly(copy);
        }
    }

    /// <summary>Free attributes (name to value), e.g. columns a host has no typed field for.</summary>
    /// <value>Default: empty.</value>
    /// <exception cref="InvalidIdentityRecordException">A name is empty or a value is too long.</exception>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get => _attributes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var copy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> pair in value)
            {
                if (string.IsNullOrWhiteSpace(pair.Key))
                {
                    throw new InvalidIdentityRecordException(nameof(Attributes), $"An attribute name of record {Key} is empty.", -1);
                }

                if (pair.Value is not null && pair.Value.Length > MaxFieldLength)
                {
                    throw new InvalidIdentityRecordException(nameof(Attributes), $"Attribute '{pair.Key}' of record {Key} is longer than {MaxFieldLength} characters.", -1);
                }

                copy[pair.Key] = pair.Value ?? string.Empty;
            }

            _attributes = new ReadOnlyDictionary<string, string>(copy);
        }
    }

    /// <summary>Reads a typed field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The value as given, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> is not defined.</exception>
    public string? GetField(IdentityField field)
    {
        if ((uint)field >= FieldCount)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a defined IdentityField.");
        }

        return _fields[(int)field];
    }

    /// <summary>Returns a copy with one typed field set.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The new value; <see langword="null"/> clears it.</param>
    /// <returns>The new record; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> is not defined.</exception>
    /// <exception cref="InvalidIdentityRecordException">The value is too long.</exception>
    public IdentityRecord WithField(IdentityField field, string? value)
    {
        if ((uint)field >= FieldCount)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a defined IdentityField.");
        }

        var copy = new IdentityRecord(this);
        copy.Set(field, value);
        return copy;
    }

    /// <summary>Returns <c>source/id</c>.</summary>
    /// <returns>The key's text.</returns>
    public override string ToString() => Key.ToString();

    private static void CheckKeyPart(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidIdentityRecordException(name, $"{name} must not be empty or white space.", -1);
        }

        if (value.Length > MaxFieldLength)
        {
            throw new InvalidIdentityRecordException(name, $"{name} is longer than {MaxFieldLength} characters.", -1);
        }
    }

    private void Set(IdentityField field, string? value)
    {
        if (value is not null && value.Length > MaxFieldLength)
        {
            throw new InvalidIdentityRecordException(field.ToString(), $"{field} of record {Key} is longer than {MaxFieldLength} characters ({value.Length}).", -1);
        }

        _fields[(int)field] = value;
    }
}
