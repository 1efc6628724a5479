using Microsoft.Extensions.Options;

namespace RelationshipKit.Differentiation.Composite;

/// <summary>Source-generated DataAnnotations validation of <see cref="CompositeScoringOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class CompositeScoringOptionsValidator : IValidateOptions<CompositeScoringOptions>;
