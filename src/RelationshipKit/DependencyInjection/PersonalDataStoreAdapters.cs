using RelationshipKit.Interactions;

namespace RelationshipKit.DependencyInjection;

/// <summary>Registers the container's <see cref="IInteractionStore"/> as a store to erase, whichever implementation it is.</summary>
internal sealed class InteractionStoreErasure(IInteractionStore store) : IPersonalDataStore
{
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        store.EraseAsync(customerId, cancellationToken);
}

/// <summary>Registers the container's <see cref="IContactPreferenceStore"/> as a store to erase, whichever implementation it is.</summary>
internal sealed class ContactPreferenceStoreErasure(IContactPreferenceStore store) : IPersonalDataStore
{
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default) =>
        store.EraseAsync(customerId, cancellationToken);
}
