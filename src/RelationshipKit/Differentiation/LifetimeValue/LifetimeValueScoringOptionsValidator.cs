using Microsoft.Extensions.Options;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Source-generated DataAnnotations validation of <see cref="LifetimeValueScoringOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class LifetimeValueScoringOptionsValidator : IValidateOptions<LifetimeValueScoringOptions>;
