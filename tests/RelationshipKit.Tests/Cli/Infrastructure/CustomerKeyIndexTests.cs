using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class CustomerKeyIndexTests
{
    [Fact]
    public void GetOrAdd_GivesDensePositionsInFirstSeenOrder()
    {
        var index = new CustomerKeyIndex();
        index.GetOrAdd("b", out bool added).Should().Be(0);
        added.Should().BeTrue();
        index.GetOrAdd("a", out added).Should().Be(1);
        added.Should().BeTrue();
        index.GetOrAdd("b", out added).Should().Be(0);
        added.Should().BeFalse();
        index.Count.Should().Be(2);
    }

    [Fact]
    public void GetOrAdd_ManyKeys_AgreesWithADictionaryThroughGrowth()
    {
        // Short ASCII keys (kept inline), long keys and non-ASCII keys (kept in the arena), near-duplicates.
        var keys = new List<string>();
        for (int i = 0; i < 20_000; i++)
        {
            keys.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            keys.Add("customer-with-a-long-id-" + i);
            keys.Add("kunde-ä" + i);
        }

        keys.Add(string.Empty);
        keys.Add("0123456789abcdef");
        keys.Add("0123456789abcdeg");
        keys.Add("0123456789abcdefg");
        var random = new Random(4);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new CustomerKeyIndex(expectedKeys: 4);
        for (int step = 0; step < 200_000; step++)
        {
            string key = keys[random.Next(keys.Count)];
            bool isNew = !expected.TryGetValue(key, out int position);
            if (isNew)
            {
                position = expected.Count;
                expected.Add(key, position);
            }

            uint hash = CustomerKeyIndex.HashOf(key);
            index.Prefetch(hash);
            index.GetOrAdd(key.AsSpan(), hash, out bool added).Should().Be(position);
            added.Should().Be(isNew);
        }

        index.Count.Should().Be(expected.Count);
        foreach ((string key, int position) in expected)
        {
            index.GetOrAdd(key, out bool added).Should().Be(position);
            added.Should().BeFalse();
        }
    }

    [Fact]
    public void GetOrAdd_KeysDifferingOnlyInCase_AreDistinct()
    {
        var index = new CustomerKeyIndex();
        index.GetOrAdd("abc", out _).Should().Be(0);
        index.GetOrAdd("ABC", out _).Should().Be(1);
        index.GetOrAdd("abc ", out _).Should().Be(2);
    }
}
