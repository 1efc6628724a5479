using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Interactions;

/// <summary>How interactions are checked, imported and guarded by the contact policy.</summary>
/// <remarks>
/// <para>Every store and the NDJSON import apply the same rules on top of the checks of the
/// <see cref="Interaction"/> constructor: an interaction dated more than <see cref="FutureTolerance"/> after "now"
/// (from the <see cref="TimeProvider"/>) or before <see cref="EarliestOccurredAt"/> is rejected (field
/// <c>occurredAt</c>), and so is a kind that is neither well known nor listed in <see cref="CustomKinds"/> (field
/// <c>kind</c>).</para>
/// <para>A plain options bag; not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class InteractionOptions : IValidatableObject
{
    internal const int DefaultImportBatchSize = 1000;
    internal const int DefaultMaxLineBytes = 1 << 20;
    internal static readonly TimeSpan DefaultFutureTolerance = TimeSpan.FromMinutes(5);
    internal static readonly DateTimeOffset DefaultEarliestOccurredAt = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far after "now" an interaction may be dated (clock skew between systems) before it is rejected.</summary>
    /// <value>Default 5 minutes; zero or more.</value>
    public TimeSpan FutureTolerance { get; set; } = DefaultFutureTolerance;

    /// <summary>The earliest time an interaction may be dated.</summary>
    /// <value>Default 1900-01-01T00:00:00Z.</value>
    public DateTimeOffset EarliestOccurredAt { get; set; } = DefaultEarliestOccurredAt;

    /// <summary>Host-defined kinds accepted besides the well-known ones (lower camel case names).</summary>
    /// <value>Default empty.</value>
    public IList<string> CustomKinds { get; } = [];

    /// <summary>How many NDJSON lines the import appends in one atomic batch.</summary>
    /// <value>Default 1,000; from 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int ImportBatchSize { get; set; } = DefaultImportBatchSize;

    /// <summary>The longest NDJSON line accepted, in bytes; a longer line is reported as bad and skipped.</summary>
    /// <value>Default 1 MiB (1,048,576); from 1,024 to 67,108,864.</value>
    [Range(1024, 64 << 20)]
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>The contact policy's rules.</summary>
    /// <value>Default: a new <see cref="ContactPolicyOptions"/> with its defaults.</value>
    [ValidateObjectMembers]
    public ContactPolicyOptions ContactPolicy { get; set; } = new();

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => ValidateOwn();

    internal List<ValidationResult> ValidateOwn()
    {
        var results = new List<ValidationResult>();
        if (FutureTolerance < TimeSpan.Zero)
        {
            results.Add(new ValidationResult($"{nameof(FutureTolerance)} must be zero or more; it is {FutureTolerance}.", [nameof(FutureTolerance)]));
        }

        if (EarliestOccurredAt == default)
        {
            results.Add(new ValidationResult($"{nameof(EarliestOccurredAt)} must be set.", [nameof(EarliestOccurredAt)]));
        }

        for (int i = 0; i < CustomKinds.Count; i++)
        {
            if (!InteractionKind.IsValidName(CustomKinds[i]))
            {
                results.Add(new ValidationResult($"{nameof(CustomKinds)}[{i}] '{CustomKinds[i]}' is not a valid kind name (lower camel case ASCII, at most 48 characters).", [nameof(CustomKinds)]));
            }
        }

        if (ImportBatchSize is < 1 or > 100_000)
        {
            results.Add(new ValidationResult($"{nameof(ImportBatchSize)} must be from 1 to 100000; it is {ImportBatchSize}.", [nameof(ImportBatchSize)]));
        }

        if (MaxLineBytes is < 1024 or > 64 << 20)
        {
            results.Add(new ValidationResult($"{nameof(MaxLineBytes)} must be from 1024 to 67108864; it is {MaxLineBytes}.", [nameof(MaxLineBytes)]));
        }

        if (ContactPolicy is null)
        {
            results.Add(new ValidationResult($"{nameof(ContactPolicy)} must not be null.", [nameof(ContactPolicy)]));
        }

        return results;
    }

    /// <summary>Throws when the options (with the contact policy's) are not valid.</summary>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = ValidateOwn();
        if (ContactPolicy is not null)
        {
            results.AddRange(ContactPolicy.Validate($"{nameof(ContactPolicy)}."));
        }

        if (results.Count > 0)
        {
            throw new OptionsValidationException(
                nameof(InteractionOptions),
                typeof(InteractionOptions),
                results.Select(r => $"{nameof(InteractionOptions)}.{r.ErrorMessage}"));
        }
    }
}
