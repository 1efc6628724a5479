using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;

namespace RelationshipKit.DependencyInjection;

/// <summary>Source-generated DataAnnotations validation of <see cref="InteractionOptions"/> (and its contact policy).</summary>
[OptionsValidator]
internal sealed partial class InteractionOptionsValidator : IValidateOptions<InteractionOptions>;
