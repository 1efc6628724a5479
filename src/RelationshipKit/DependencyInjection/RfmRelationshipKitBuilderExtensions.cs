using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation.Rfm;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RFM scoring on an <see cref="IRelationshipKitBuilder"/>.</summary>
public static class RfmRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="RfmStrategy"/> as the scoring strategy named <c>"rfm"</c>
    /// (<see cref="RfmStrategy.KindName"/>), through <c>AddScoringStrategy</c> like any host strategy, with validated
    /// <see cref="RfmOptions"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/> for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it twice registers the strategy once (each <paramref name="configure"/> still applies to the one
    /// options instance). Invalid options fail at host start (<c>ValidateOnStart</c>) and, without a host, when the
    /// strategy is first resolved, with an <see cref="OptionsValidationException"/> whose message names the option.
    /// </remarks>
    public static IRelationshipKitBuilder AddRfmScoring(this IRelationshipKitBuilder builder, Action<RfmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<RfmOptions> options = builder.Services.AddOptions<RfmOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RfmOptions>, RfmOptionsValidator>());
        return builder.AddScoringStrategy(
            RfmStrategy.KindName,
            static sp => new RfmStrategy(sp.GetRequiredService<IOptions<RfmOptions>>().Value));
    }
}
