using System.Diagnostics.CodeAnalysis;

namespace RelationshipKit.Differentiation;

/// <summary>Finds the scoring strategies a host registered, by name.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IScoringStrategyProvider
{
    /// <summary>The names of every registered strategy, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Gets the strategy registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration name.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No strategy has that name; the message lists the names there are.</exception>
    IScoringStrategy GetStrategy(string name);

    /// <summary>Tries to get the strategy registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration name.</param>
    /// <param name="strategy">The strategy when found.</param>
    /// <returns><see langword="true"/> when a strategy has that name.</returns>
    bool TryGetStrategy(string name, [NotNullWhen(true)] out IScoringStrategy? strategy);
}
