using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;

namespace RelationshipKit.DependencyInjection;

/// <summary>Source-generated DataAnnotations validation of <see cref="LoyaltyOptions"/> (and its nested options).</summary>
[OptionsValidator]
internal sealed partial class LoyaltyOptionsValidator : IValidateOptions<LoyaltyOptions>;
