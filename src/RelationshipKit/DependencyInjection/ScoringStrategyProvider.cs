using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using RelationshipKit.Differentiation;

namespace RelationshipKit.DependencyInjection;

/// <summary>Resolves scoring strategies registered as keyed <see cref="IScoringStrategy"/> services.</summary>
internal sealed class ScoringStrategyProvider(IServiceProvider services, IEnumerable<ScoringStrategyName> names) : IScoringStrategyProvider
{
    private readonly string[] _names = names.Select(n => n.Name).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Names => _names;

    public IScoringStrategy GetStrategy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetStrategy(name, out IScoringStrategy? strategy)
            ? strategy
            : throw new KeyNotFoundException(
                $"No scoring strategy is registered under the name '{name}'. Registered: {(_names.Length == 0 ? "none" : string.Join(", ", _names.Select(n => $"'{n}'")))}.");
    }

    public bool TryGetStrategy(string name, [NotNullWhen(true)] out IScoringStrategy? strategy)
    {
        ArgumentNullException.ThrowIfNull(name);
        strategy = Array.IndexOf(_names, name) >= 0 ? services.GetKeyedService<IScoringStrategy>(name) : null;
        return strategy is not null;
    }
}
