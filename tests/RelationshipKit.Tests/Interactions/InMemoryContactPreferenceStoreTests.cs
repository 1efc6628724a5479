using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class InMemoryContactPreferenceStoreTests : ContactPreferenceStoreContractTests
{
    protected override IContactPreferenceStore CreateStore() => new InMemoryContactPreferenceStore();
}
