using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class CustomerIdSelectTests
{
    public static TheoryData<string> Shapes() => new() { "numbered", "random", "prefixes", "nul" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Select_LargeRuns_EqualOrdinalSort(string shape)
    {
        var random = new Random(shape.Length);
        CustomerId[] ids = Enumerable.Range(0, 3000).Select(i => new CustomerId(shape switch
        {
            "numbered" => $"C{random.Next(0, 10_000_000):D8}-{i}",
            "random" => Guid.NewGuid().ToString("N")[..random.Next(1, 12)] + i,
            // Many ids are prefixes of others and share long prefixes.
            "prefixes" => "customer-" + new string('x', random.Next(0, 6)) + (random.Next(0, 3) == 0 ? string.Empty : i.ToString()),
            _ => "a" + (random.Next(0, 2) == 0 ? "\0" : string.Empty) + i,
        })).ToArray();
        int[] positions = [0, 1, 700, 1500, 1500, 2998, 2999];
        string[] sorted = ids.Select(id => id.Value).Order(StringComparer.Ordinal).ToArray();
        var results = new CustomerId[positions.Length];

        CustomerIdSelect.Select(ids, positions, results);

        results.Select(r => r.Value).Should().Equal(positions.Select(p => sorted[p]));
    }
}
