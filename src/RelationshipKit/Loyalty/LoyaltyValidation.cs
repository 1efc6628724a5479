using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Loyalty;

/// <summary>Turns validation results into the <see cref="OptionsValidationException"/> every options class throws.</summary>
internal static class LoyaltyValidation
{
    public static void Throw<TOptions>(List<ValidationResult> results)
    {
        if (results.Count > 0)
        {
            string name = typeof(TOptions).Name;
            throw new OptionsValidationException(name, typeof(TOptions), results.Select(r => $"{name}.{r.ErrorMessage}"));
        }
    }

    public static void Positive(List<ValidationResult> results, string prefix, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            results.Add(new ValidationResult($"{prefix}{name} must be positive; it is {value}.", [name]));
        }
    }

    public static void Range(List<ValidationResult> results, string prefix, string name, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            results.Add(new ValidationResult($"{prefix}{name} must be from {min} to {max}; it is {value}.", [name]));
        }
    }

    public static void Range(List<ValidationResult> results, string prefix, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            results.Add(new ValidationResult($"{prefix}{name} must be from {min} to {max}; it is {value}.", [name]));
        }
    }
}
