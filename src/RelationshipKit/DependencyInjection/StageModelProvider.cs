using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using RelationshipKit.Loyalty;

namespace RelationshipKit.DependencyInjection;

/// <summary>A registered stage model name (one per <c>AddStageModel</c>).</summary>
internal sealed record StageModelName(string Name);

/// <summary>Resolves stage models and trackers registered as keyed services.</summary>
internal sealed class StageModelProvider(IServiceProvider services, IEnumerable<StageModelName> names) : IStageModelProvider
{
    private readonly string[] _names = names.Select(n => n.Name).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Names => _names;

    public StageModel GetModel(string name) =>
        TryGetModel(name, out StageModel? model) ? model : throw NotFound(name);

    public bool TryGetModel(string name, [NotNullWhen(true)] out StageModel? model)
    {
        ArgumentNullException.ThrowIfNull(name);
        model = Array.IndexOf(_names, name) >= 0 ? services.GetKeyedService<StageModel>(name) : null;
        return model is not null;
    }

    public StageTracker GetTracker(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.IndexOf(_names, name) >= 0 ? services.GetRequiredKeyedService<StageTracker>(name) : throw NotFound(name);
    }

    private KeyNotFoundException NotFound(string name) =>
        new($"No stage model is registered under the name '{name}'. Registered: {(_names.Length == 0 ? "none" : string.Join(", ", _names.Select(n => $"'{n}'")))}.");
}

/// <summary>Lets the personal data eraser erase the stage history.</summary>
internal sealed class StageHistoryStoreErasure(IStageHistoryStore store) : IPersonalDataStore
{
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        store.EraseAsync(customerId, cancellationToken);
}
