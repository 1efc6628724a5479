using System.Globalization;

namespace RelationshipKit.Identification;

/// <summary>One part of a <see cref="BlockingRule"/> key: a field's normalised value, whole or its first characters.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct BlockingKeyPart
{
    private BlockingKeyPart(FieldSelector field, int prefixLength)
    {
        Field = field;
        PrefixLength = prefixLength;
    }

    /// <summary>The field.</summary>
    public FieldSelector Field { get; }

    /// <summary>How many leading characters of the normalised value form the key; 0 for the whole value.</summary>
    public int PrefixLength { get; }

    /// <summary>A key part on a field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="prefixLength">0 for the whole value, or 1 to 20 leading characters.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The prefix length is outside 0 to 20.</exception>
    public static BlockingKeyPart Of(FieldSelector field, int prefixLength = 0)
    {
        if (prefixLength is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "A prefix length must be 0 (whole value) to 20.");
        }

        return new BlockingKeyPart(field, prefixLength);
    }

    /// <summary>Returns the field name, with <c>[..n]</c> for a prefix.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() =>
        PrefixLength == 0 ? Field.DisplayName : Field.DisplayName + "[.." + PrefixLength.ToString(CultureInfo.InvariantCulture) + "]";
}
