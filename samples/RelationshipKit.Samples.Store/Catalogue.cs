namespace RelationshipKit.Samples.Store;

/// <summary>
/// What the shop sells (kitchen and home goods): products by category, each category with its complements (what is
/// bought with it) and its consumables (what is bought again), so baskets carry real co-purchase patterns.
/// </summary>
internal static class Catalogue
{
    /// <summary>The purchase attribute with the basket's main category (the one <c>LoyaltyStateOptions.CategoryAttribute</c> reads).</summary>
    public const string CategoryAttribute = "category";

    /// <summary>The purchase attribute with the basket's products, comma-separated.</summary>
    public const string ProductsAttribute = "products";

    /// <summary>The categories: name, main products, complements, consumables.</summary>
    public static readonly (string Name, string[] Main, string[] Complements, string[] Consumables)[] Categories =
    [
        ("coffee", ["espresso-machine", "coffee-grinder", "pour-over-kit"], ["milk-frother", "coffee-cups", "tamper"], ["coffee-beans", "descaler"]),
        ("tea", ["teapot", "tea-kettle"], ["tea-infuser", "tea-cups"], ["green-tea", "black-tea"]),
        ("baking", ["stand-mixer", "cake-tin", "baking-tray"], ["piping-set", "cooling-rack", "measuring-cups"], ["baking-paper", "vanilla-extract"]),
        ("cookware", ["frying-pan", "saucepan", "chefs-knife"], ["chopping-board", "knife-sharpener", "spatula"], ["cooking-oil-spray"]),
        ("tableware", ["dinner-plates", "wine-glasses", "serving-bowl"], ["napkins", "placemats"], ["candles"]),
        ("cleaning", ["robot-vacuum", "steam-mop"], ["microfibre-cloths", "mop-pads"], ["dish-soap", "oven-cleaner"]),
    ];

    /// <summary>Draws a basket: one main product (mostly from the customer's favourite category), often its complements and consumables.</summary>
    public static (string Category, List<string> Products) Basket(Random random, int favourite, bool repeat)
    {
        int c = random.NextDouble() < 0.7 ? favourite : random.Next(Categories.Length);
        (string name, string[] main, string[] complements, string[] consumables) = Categories[c];
        var products = new List<string>(3);

        // A returning customer mostly restocks consumables; a first basket is mostly a main product.
        if (repeat && random.NextDouble() < 0.5)
        {
            products.Add(consumables[random.Next(consumables.Length)]);
        }
        else
        {
            products.Add(main[random.Next(main.Length)]);
            if (random.NextDouble() < 0.5)
            {
                products.Add(complements[random.Next(complements.Length)]);
            }
        }

        if (random.NextDouble() < 0.3)
        {
            string consumable = consumables[random.Next(consumables.Length)];
            if (!products.Contains(consumable))
            {
                products.Add(consumable);
            }
        }

        return (name, products);
    }
}
