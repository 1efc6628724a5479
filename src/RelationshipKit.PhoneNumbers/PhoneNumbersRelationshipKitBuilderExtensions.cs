using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Identification;
using RelationshipKit.PhoneNumbers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers libphonenumber-based phone normalisation for identification.</summary>
public static class PhoneNumbersRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Makes identification normalise phone numbers with <see cref="LibPhoneNumberNormalizer"/> (E.164), replacing the
    /// core's digits-only normaliser whether <c>AddIdentification</c> was called before or after.
    /// </summary>
    /// <param name="builder">The RelationshipKit builder.</param>
    /// <param name="configure">Configures the options (e.g. the default region); may be <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>An unknown region fails when the normaliser is resolved, with an <see cref="OptionsValidationException"/> naming <c>PhoneNumberOptions.DefaultRegion</c>.</remarks>
    public static IRelationshipKitBuilder AddPhoneNumbers(this IRelationshipKitBuilder builder, Action<PhoneNumberOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<PhoneNumberOptions> options = builder.Services.AddOptions<PhoneNumberOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.Replace(ServiceDescriptor.Singleton<IPhoneNumberNormalizer>(sp =>
            new LibPhoneNumberNormalizer(sp.GetRequiredService<IOptions<PhoneNumberOptions>>().Value)));
        return builder;
    }
}
