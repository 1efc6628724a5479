using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RelationshipKit.Identification;

namespace RelationshipKit.DependencyInjection;

/// <summary>Validates <see cref="IdentificationOptions"/> with messages that name the option.</summary>
internal sealed class IdentificationOptionsValidator : IValidateOptions<IdentificationOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<ValidationResult> results = options.Validate();
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{nameof(IdentificationOptions)}.{r.ErrorMessage}"));
    }
}
