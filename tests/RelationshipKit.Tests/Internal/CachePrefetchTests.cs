using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class CachePrefetchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)] // one past the end
    [InlineData(1_000)] // far past the end: a hint, never a fault
    public void Element_AnyIndex_ChangesNothing(int index)
    {
        long[] array = Enumerable.Range(1, 16).Select(i => (long)i * 3).ToArray();
        long[] before = (long[])array.Clone();
        CachePrefetch.Element(array, index);
        array.Should().Equal(before);
    }
}
