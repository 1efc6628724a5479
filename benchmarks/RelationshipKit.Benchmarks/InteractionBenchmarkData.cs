using System.Globalization;
using RelationshipKit.Interactions;

namespace RelationshipKit.Benchmarks;

/// <summary>Synthetic interactions for the interaction benchmarks: a realistic mix of kinds and channels, some with amounts and attributes.</summary>
internal static class InteractionBenchmarkData
{
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly InteractionKind[] Kinds =
        [InteractionKind.Purchase, InteractionKind.Browse, InteractionKind.CampaignSent, InteractionKind.CampaignOpened, InteractionKind.Visit, InteractionKind.Inquiry, InteractionKind.Complaint];

    private static readonly Channel[] Channels = [Channel.Web, Channel.Email, Channel.StoreVisit, Channel.App, Channel.ContactCentre];

    /// <summary>Whether CI's smoke run asked for tiny sizes (RELKIT_BENCH_SMOKE=1).</summary>
    public static bool Smoke => Environment.GetEnvironmentVariable("RELKIT_BENCH_SMOKE") == "1";

    public static CustomerId[] Customers(int count)
    {
        var ids = new CustomerId[count];
        for (int c = 0; c < count; c++)
        {
            ids[c] = new CustomerId("cust-" + c.ToString("D7", CultureInfo.InvariantCulture));
        }

        return ids;
    }

    /// <summary>Interaction number <paramref name="n"/> of a stream where customers take turns (n mod customers).</summary>
    public static Interaction Make(long n, CustomerId[] customers)
    {
        CustomerId customer = customers[n % customers.Length];
        int k = (int)(n % Kinds.Length);
        InteractionKind kind = Kinds[k];
        DateTimeOffset at = Start.AddMinutes(n / customers.Length * 60 + (n % 60));
        return kind == InteractionKind.Purchase
            ? new Interaction("i" + n.ToString(CultureInfo.InvariantCulture), customer, kind, Channels[(int)(n % Channels.Length)], InteractionDirection.Inbound, at, amount: 10m + (n % 90), attributes: [new("sku", "SKU-" + (n % 997).ToString(CultureInfo.InvariantCulture))])
            : new Interaction("i" + n.ToString(CultureInfo.InvariantCulture), customer, kind, Channels[(int)(n % Channels.Length)], kind == InteractionKind.CampaignSent ? InteractionDirection.Outbound : InteractionDirection.Inbound, at);
    }

    public static Interaction[] MakeMany(int count, CustomerId[] customers)
    {
        var items = new Interaction[count];
        for (int n = 0; n < count; n++)
        {
            items[n] = Make(n, customers);
        }

        return items;
    }
}
