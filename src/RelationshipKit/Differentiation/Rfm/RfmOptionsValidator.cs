using Microsoft.Extensions.Options;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>Source-generated DataAnnotations validation of <see cref="RfmOptions"/> (it also runs <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>).</summary>
[OptionsValidator]
internal sealed partial class RfmOptionsValidator : IValidateOptions<RfmOptions>;
