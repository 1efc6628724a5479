using System.Diagnostics.CodeAnalysis;

namespace RelationshipKit.Loyalty;

/// <summary>Finds the stage models (and their trackers) registered through DI by name: the built-in <c>loyaltyLadder</c> and <c>lifecycle</c> and a host's own.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IStageModelProvider
{
    /// <summary>The registered model names, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Gets a model.</summary>
    /// <param name="name">The model's name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No model is registered under <paramref name="name"/>; the message lists those that are.</exception>
    StageModel GetModel(string name);

    /// <summary>Tries to get a model.</summary>
    /// <param name="name">The model's name.</param>
    /// <param name="model">The model, when registered.</param>
    /// <returns><see langword="true"/> when a model is registered under <paramref name="name"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    bool TryGetModel(string name, [NotNullWhen(true)] out StageModel? model);

    /// <summary>Gets the tracker of a model (over the registered <see cref="IStageHistoryStore"/> and observers).</summary>
    /// <param name="name">The model's name.</param>
    /// <returns>The tracker.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No model is registered under <paramref name="name"/>.</exception>
    StageTracker GetTracker(string name);
}
