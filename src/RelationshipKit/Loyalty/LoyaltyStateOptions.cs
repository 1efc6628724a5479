using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;

namespace RelationshipKit.Loyalty;

/// <summary>How <see cref="LoyaltyState.Create"/> reads a customer's interactions.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed.</remarks>
public sealed class LoyaltyStateOptions : IValidatableObject
{
    internal const int DefaultPositiveRating = 7;
    internal const double DefaultPositiveSentiment = 0.3;
    internal const string DefaultCategoryAttribute = "category";

    /// <summary>The lowest rating (0-10 scale) of an opinion or review that counts as positive.</summary>
    /// <value>Default 7; from 0 to 10.</value>
    public int PositiveRating { get; set; } = DefaultPositiveRating;

    /// <summary>The lowest sentiment (-1 to 1) of an opinion or review without a rating that counts as positive.</summary>
    /// <value>Default 0.3; from -1 to 1.</value>
    public double PositiveSentiment { get; set; } = DefaultPositiveSentiment;

    /// <summary>The interaction kinds that count as co-creation (names).</summary>
    /// <value>Default <c>suggestion</c>.</value>
    public IList<string> CoCreationKinds { get; } = [InteractionKind.Suggestion.Name];

    /// <summary>The purchase attribute that names the product category (for the favourite category).</summary>
    /// <value>Default <c>"category"</c>; not empty.</value>
    public string CategoryAttribute { get; set; } = DefaultCategoryAttribute;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        if (PositiveRating is < Interaction.MinRating or > Interaction.MaxRating)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(PositiveRating)} must be from 0 to 10; it is {PositiveRating}.", [nameof(PositiveRating)]));
        }

        if (!(PositiveSentiment >= -1 && PositiveSentiment <= 1))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(PositiveSentiment)} must be from -1 to 1; it is {PositiveSentiment}.", [nameof(PositiveSentiment)]));
        }

        for (int i = 0; i < CoCreationKinds.Count; i++)
        {
            if (!InteractionKind.IsValidName(CoCreationKinds[i]))
            {
                results.Add(new ValidationResult($"{prefix}{nameof(CoCreationKinds)}[{i}] '{CoCreationKinds[i]}' is not a valid kind name.", [nameof(CoCreationKinds)]));
            }
        }

        if (string.IsNullOrWhiteSpace(CategoryAttribute))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(CategoryAttribute)} must not be empty.", [nameof(CategoryAttribute)]));
        }

        return results;
    }

    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid() => LoyaltyValidation.Throw<LoyaltyStateOptions>(Validate(string.Empty));
}
