using System.Globalization;
using System.Text;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class Utf8KeyIndexTests
{
    [Fact]
    public void GetOrAdd_GivesDensePositionsInFirstSeenOrder()
    {
        var index = new Utf8KeyIndex();
        index.GetOrAdd("b"u8, out bool added).Should().Be(0);
        added.Should().BeTrue();
        index.GetOrAdd("17"u8, out added).Should().Be(1);
        added.Should().BeTrue();
        index.GetOrAdd("b"u8, out added).Should().Be(0);
        added.Should().BeFalse();
        index.GetOrAdd("17"u8, out added).Should().Be(1);
        added.Should().BeFalse();
        index.Count.Should().Be(2);
        index.KeyAt(1).ToArray().Should().Equal("17"u8.ToArray());
    }

    [Fact]
    public void GetOrAdd_NumbersWithLeadingZerosOrBeyondTheLimit_AreDistinctKeys()
    {
        var index = new Utf8KeyIndex(expectedKeys: 4, directLimit: 100);
        string[] keys = ["7", "07", "007", "0", "00", "99", "100", "1000000000", "-7", "+7", "7 "];
        for (int i = 0; i < keys.Length; i++)
        {
            index.GetOrAdd(Encoding.UTF8.GetBytes(keys[i]), out bool added).Should().Be(i, keys[i]);
            added.Should().BeTrue(keys[i]);
        }

        for (int i = 0; i < keys.Length; i++)
        {
            index.GetOrAdd(Encoding.UTF8.GetBytes(keys[i]), out bool added).Should().Be(i, keys[i]);
            added.Should().BeFalse(keys[i]);
            Encoding.UTF8.GetString(index.KeyAt(i)).Should().Be(keys[i]);
        }
    }

    [Fact]
    public void IsDirect_TakesPlainNumbersBelowTheLimitOnly()
    {
        var index = new Utf8KeyIndex(directLimit: 1000);
        index.IsDirect("0"u8, out uint zero).Should().BeTrue();
        zero.Should().Be(0);
        index.IsDirect("999"u8, out uint n).Should().BeTrue();
        n.Should().Be(999);
        index.IsDirect("1000"u8, out _).Should().BeFalse();
        index.IsDirect("099"u8, out _).Should().BeFalse();
        index.IsDirect("9a"u8, out _).Should().BeFalse();
        index.IsDirect(ReadOnlySpan<byte>.Empty, out _).Should().BeFalse();
    }

    [Fact]
    public void GetOrAdd_ManyKeys_AgreesWithADictionaryThroughGrowth()
    {
        var keys = new List<string>();
        for (int i = 0; i < 20_000; i++)
        {
            keys.Add(i.ToString(CultureInfo.InvariantCulture));
            keys.Add((i * 7919).ToString(CultureInfo.InvariantCulture));
            keys.Add("0" + i.ToString(CultureInfo.InvariantCulture));
            keys.Add("customer-with-a-long-id-" + i);
            keys.Add("kunde-ä" + i);
        }

        keys.Add("01234567");
        keys.Add("012345678");
        keys.Add("0123456789abcdef");
        keys.Add("0123456789abcdeg");
        keys.Add("0123456789abcdefg");
        var random = new Random(4);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new Utf8KeyIndex(expectedKeys: 4, directLimit: 50_000);
        for (int step = 0; step < 300_000; step++)
        {
            string key = keys[random.Next(keys.Count)];
            bool isNew = !expected.TryGetValue(key, out int position);
            if (isNew)
            {
                position = expected.Count;
                expected.Add(key, position);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(key);
            int actual;
            bool added;
            if (index.IsDirect(bytes, out uint number))
            {
                index.PrefetchDirect(number);
                actual = index.GetOrAddDirect(bytes, number, out added);
            }
            else
            {
                ulong head = Utf8KeyIndex.HeadOf(bytes);
                uint hash = Utf8KeyIndex.HashOf(head, bytes);
                index.Prefetch(hash);
                actual = index.GetOrAdd(bytes, head, hash, out added);
            }

            actual.Should().Be(position);
            added.Should().Be(isNew);
        }

        index.Count.Should().Be(expected.Count);
        foreach ((string key, int position) in expected)
        {
            index.GetOrAdd(Encoding.UTF8.GetBytes(key), out bool added).Should().Be(position);
            added.Should().BeFalse();
            Encoding.UTF8.GetString(index.KeyAt(position)).Should().Be(key);
        }
    }

    [Fact]
    public void HeadOfWide_EqualsHeadOf()
    {
        byte[] buffer = Encoding.UTF8.GetBytes("123456789abcdefgh");
        for (int length = 0; length <= 9; length++)
        {
            Utf8KeyIndex.HeadOfWide(ref buffer[0], length).Should().Be(Utf8KeyIndex.HeadOf(buffer.AsSpan(0, length)), $"length {length}");
        }
    }
}
