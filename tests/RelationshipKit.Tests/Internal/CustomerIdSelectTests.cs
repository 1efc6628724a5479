using CsCheck;
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

    [Theory]
    [InlineData("numbered-9")]
    [InlineData("numbered-12")]
    [InlineData("short")]
    [InlineData("duplicates")]
    [InlineData("long-common-prefix")]
    public void Select_EveryPosition_EqualsOrdinalSort(string shape)
    {
        // Shapes that drive the radix selection of keys through several digits: numbered ids whose keys differ only
        // in a few bits of the low word, ids shorter than a key, many equal ids, and ids equal on their first key.
        var random = new Random(shape.Length * 7);
        CustomerId[] ids = Enumerable.Range(0, 1500).Select(_ => new CustomerId(shape switch
        {
            "numbered-9" => $"C{random.Next(0, 1_000_000):D8}",
            "numbered-12" => $"CUST{random.Next(0, 100_000_000):D8}",
            "short" => random.Next(0, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "duplicates" => $"x{random.Next(0, 7)}",
            _ => "customer-000000-" + random.Next(0, 100_000),
        })).ToArray();
        string[] sorted = ids.Select(id => id.Value).Order(StringComparer.Ordinal).ToArray();
        int[] positions = Enumerable.Range(0, ids.Length).Where(p => p % 7 == 0 || p < 3 || p > ids.Length - 3).ToArray();
        var results = new CustomerId[positions.Length];

        CustomerIdSelect.Select(ids, positions, results);

        results.Select(r => r.Value).Should().Equal(positions.Select(p => sorted[p]));
    }

    [Fact]
    public void Select_RandomIds_EqualsOrdinalSort()
    {
        Gen<string> id = Gen.OneOf(
            Gen.String[Gen.Char['0', '9'], 1, 10],
            Gen.String[Gen.Char['\u0001', '\uFFFF'], 1, 20],
            Gen.Int[0, 2000].Select(i => $"C{i:D8}"));
        Gen.Select(id.Array[49, 400], Gen.Double[0, 1], Gen.Double[0, 1]).Sample(
            (texts, a, b) =>
            {
                CustomerId[] ids = texts.Select(t => new CustomerId(t.Trim().Length == 0 ? "w" + t : t)).ToArray();
                string[] sorted = ids.Select(x => x.Value).Order(StringComparer.Ordinal).ToArray();
                int p = (int)(a * (ids.Length - 1));
                int q = (int)(b * (ids.Length - 1));
                int[] positions = [Math.Min(p, q), Math.Max(p, q)];
                var results = new CustomerId[2];

                CustomerIdSelect.Select(ids, positions, results);

                results.Select(r => r.Value).Should().Equal(sorted[positions[0]], sorted[positions[1]]);
            },
            iter: 300);
    }
}
