namespace RelationshipKit.Loyalty;

/// <summary>
/// Co-purchase statistics of the host's own history: for each product, the products most often bought with it, by lift
/// or confidence, with a minimum support. Feeds the cross-sell action of the <see cref="NextBestActionEngine"/>.
/// </summary>
/// <remarks>
/// <para>A basket is whatever the host groups purchases by: an order, or a customer's whole history. A product
/// counts once per basket. With N baskets, n(A) baskets holding A and n(A,B) holding both: support = n(A,B),
/// confidence(A ⇒ B) = n(A,B) / n(A), lift = n(A,B)·N / (n(A)·n(B)). Fitting costs O(Σ k²) for baskets of k products.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class CoPurchaseModel
{
    private readonly Dictionary<string, ProductAssociation[]> _associations;

    private CoPurchaseModel(Dictionary<string, ProductAssociation[]> associations, int basketCount, int productCount, CoPurchaseRanking ranking)
    {
        _associations = associations;
        BasketCount = basketCount;
        ProductCount = productCount;
        Ranking = ranking;
    }

    /// <summary>The number of baskets fitted.</summary>
    public int BasketCount { get; }

    /// <summary>The number of distinct products seen.</summary>
    public int ProductCount { get; }

    /// <summary>How associations are ordered.</summary>
    public CoPurchaseRanking Ranking { get; }

    /// <summary>Fits the statistics from basket lines.</summary>
    /// <param name="lines">(basket id, product id) pairs, any order; repeated pairs count once.</param>
    /// <param name="options">Support, confidence, how many to keep and the ranking; defaults when <see langword="null"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A basket or product id is null or white space; the message gives the line.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public static CoPurchaseModel Fit(IEnumerable<KeyValuePair<string, string>> lines, CoPurchaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options ??= new CoPurchaseOptions();
        options.ThrowIfInvalid();
        var products = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var baskets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        long line = 0;
        foreach ((string basket, string product) in lines)
        {
            if (string.IsNullOrWhiteSpace(basket))
            {
                throw new ArgumentException($"Line {line}: the basket id is null or white space.", nameof(lines));
            }

            if (string.IsNullOrWhiteSpace(product))
            {
                throw new ArgumentException($"Line {line}: the product id is null or white space.", nameof(lines));
            }

            if (!products.TryGetValue(product, out int id))
            {
                id = names.Count;
                products.Add(product, id);
                names.Add(product);
            }

            if (!baskets.TryGetValue(basket, out List<int>? items))
            {
                items = [];
                baskets.Add(basket, items);
            }

            if (!items.Contains(id))
            {
                items.Add(id);
            }

            line++;
        }

        int n = names.Count;
        var single = new int[n];
        var pairs = new Dictionary<long, int>();
        foreach (List<int> items in baskets.Values)
        {
            for (int i = 0; i < items.Count; i++)
            {
                single[items[i]]++;
                for (int j = 0; j < items.Count; j++)
                {
                    if (i != j)
                    {
                        long key = ((long)items[i] << 32) | (uint)items[j];
                        pairs[key] = pairs.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        double total = baskets.Count;
        var byProduct = new Dictionary<int, List<ProductAssociation>>();
        foreach ((long key, int both) in pairs)
        {
            if (both < options.MinimumSupport)
            {
                continue;
            }

            int a = (int)(key >> 32);
            int b = (int)(key & 0xFFFFFFFF);
            double confidence = (double)both / single[a];
            if (confidence < options.MinimumConfidence)
            {
                continue;
            }

            double lift = both * total / ((double)single[a] * single[b]);
            if (!byProduct.TryGetValue(a, out List<ProductAssociation>? list))
            {
                list = [];
                byProduct.Add(a, list);
            }

            list.Add(new ProductAssociation(names[a], names[b], both, confidence, lift));
        }

        CoPurchaseRanking ranking = options.Ranking;
        var associations = new Dictionary<string, ProductAssociation[]>(StringComparer.Ordinal);
        foreach ((int a, List<ProductAssociation> list) in byProduct)
        {
            list.Sort((x, y) => Compare(ranking, x, y));
            associations.Add(names[a], [.. list.Take(options.MaxAssociations)]);
        }

        return new CoPurchaseModel(associations, baskets.Count, n, ranking);
    }

    /// <summary>The products most associated with one product, best first.</summary>
    /// <param name="product">The product.</param>
    /// <returns>The associations kept for it; empty when none (or the product is unknown).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="product"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<ProductAssociation> GetAssociations(string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return _associations.TryGetValue(product, out ProductAssociation[]? list) ? list : [];
    }

    /// <summary>
    /// Recommends products for a customer who bought <paramref name="owned"/>: the best associations of those products,
    /// excluding products already owned, each recommended product once (its best association), best first.
    /// </summary>
    /// <param name="owned">The customer's products.</param>
    /// <param name="count">How many to return; 1 or more.</param>
    /// <returns>Up to <paramref name="count"/> associations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owned"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public IReadOnlyList<ProductAssociation> Recommend(IReadOnlyList<string> owned, int count)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var best = new List<ProductAssociation>();
        foreach (string product in owned)
        {
            if (product is null || !_associations.TryGetValue(product, out ProductAssociation[]? list))
            {
                continue;
            }

            foreach (ProductAssociation association in list)
            {
                if (Contains(owned, association.Associated))
                {
                    continue;
                }

                int i = best.FindIndex(x => string.Equals(x.Associated, association.Associated, StringComparison.Ordinal));
                if (i < 0)
                {
                    best.Add(association);
                }
                else if (Compare(Ranking, association, best[i]) < 0)
                {
                    best[i] = association;
                }
            }
        }

        best.Sort((x, y) => Compare(Ranking, x, y));
        return best.Count > count ? best.GetRange(0, count) : best;
    }

    private static bool Contains(IReadOnlyList<string> owned, string product)
    {
        for (int i = 0; i < owned.Count; i++)
        {
            if (string.Equals(owned[i], product, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Compare(CoPurchaseRanking ranking, in ProductAssociation x, in ProductAssociation y)
    {
        int c = ranking == CoPurchaseRanking.Lift
            ? y.Lift.CompareTo(x.Lift) is var l && l != 0 ? l : y.Confidence.CompareTo(x.Confidence)
            : y.Confidence.CompareTo(x.Confidence) is var k && k != 0 ? k : y.Lift.CompareTo(x.Lift);
        if (c != 0)
        {
            return c;
        }

        c = y.Support.CompareTo(x.Support);
        return c != 0 ? c : string.CompareOrdinal(x.Associated, y.Associated) is var n && n != 0 ? n : string.CompareOrdinal(x.Product, y.Product);
    }
}
