using Microsoft.Extensions.Options;

namespace RelationshipKit.DependencyInjection;

/// <summary>Source-generated DataAnnotations validation of <see cref="RelationshipKitOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RelationshipKitOptionsValidator : IValidateOptions<RelationshipKitOptions>;
