using System.Globalization;
using RelationshipKit.Identification;
using RelationshipKit.Simulation;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The simulated people of the shop and the truth about them: who they are (identity records from four channels,
/// with duplicates and misspellings), when they arrived, whether they ever buy, how satisfied they are, and their
/// purchases (a BG/NBD buying process with Gamma-Gamma spend from the library's <see cref="TransactionSimulator"/>).
/// </summary>
/// <remarks>Everything is drawn from the seed, so the same seed gives the same people.</remarks>
internal sealed class ShopPeople
{
    /// <summary>The identity sources and the channel each stands for.</summary>
    public const string Web = "web";

    /// <summary>The loyalty card shown at the till.</summary>
    public const string Store = "store";

    /// <summary>A caller to the contact centre.</summary>
    public const string CallCentre = "callcentre";

    /// <summary>A newsletter sign-up.</summary>
    public const string Newsletter = "newsletter";

    private ShopPeople(
        IdentityRecord[] records,
        int[] recordPerson,
        int[][] personRecords,
        int[] buyerOfPerson,
        int[] personOfBuyer,
        DateTimeOffset[] arrival,
        double[] satisfaction,
        SimulatedTransactions purchases,
        int[][] purchasesOfBuyer)
    {
        Records = records;
        RecordPerson = recordPerson;
        PersonRecords = personRecords;
        BuyerOfPerson = buyerOfPerson;
        PersonOfBuyer = personOfBuyer;
        Arrival = arrival;
        Satisfaction = satisfaction;
        Purchases = purchases;
        PurchasesOfBuyer = purchasesOfBuyer;
    }

    /// <summary>Every identity record, in the order the channels delivered them to the nightly batch.</summary>
    public IdentityRecord[] Records { get; }

    /// <summary>The person each record truly describes.</summary>
    public int[] RecordPerson { get; }

    /// <summary>Each person's records, earliest observed first (the first is their home channel's record).</summary>
    public int[][] PersonRecords { get; }

    /// <summary>The buyer index of each person in <see cref="Purchases"/>, or -1 for a prospect who never buys.</summary>
    public int[] BuyerOfPerson { get; }

    /// <summary>The person of each buyer.</summary>
    public int[] PersonOfBuyer { get; }

    /// <summary>When each person arrived (a buyer's first purchase, a prospect's sign-up).</summary>
    public DateTimeOffset[] Arrival { get; }

    /// <summary>Each person's satisfaction with the shop, 0 to 1: drives ratings, complaints and referrals.</summary>
    public double[] Satisfaction { get; }

    /// <summary>The purchases of the buyers, in time order.</summary>
    public SimulatedTransactions Purchases { get; }

    /// <summary>The rows of <see cref="Purchases"/> of each buyer, in time order.</summary>
    public int[][] PurchasesOfBuyer { get; }

    /// <summary>The number of people.</summary>
    public int PersonCount => PersonRecords.Length;

    /// <summary>Draws the people of a shop.</summary>
    public static ShopPeople Generate(StoreSampleOptions options)
    {
        // The identity generator makes people and their further records; with 20 % duplicates, 1.25 records a person.
        const double duplicateShare = 0.2;
        int recordCount = (int)Math.Round(options.Customers / (1 - duplicateShare));
        IReadOnlyList<SyntheticIdentity> generated = SyntheticIdentityGenerator.Generate(recordCount, options.Seed, duplicateShare);
        int persons = 0;
        foreach (SyntheticIdentity identity in generated)
        {
            persons = Math.Max(persons, identity.PersonId + 1);
        }

        var random = new Random(unchecked(options.Seed * 31 + 7));

        // The first record of a person is their original, on their home channel. Four in ten newsletter sign-ups never buy.
        var firstRecord = new int[persons];
        Array.Fill(firstRecord, -1);
        for (int r = 0; r < generated.Count; r++)
        {
            int p = generated[r].PersonId;
            if (firstRecord[p] < 0)
            {
                firstRecord[p] = r;
            }
        }

        var buyerOfPerson = new int[persons];
        var personOfBuyerList = new List<int>(persons);
        for (int p = 0; p < persons; p++)
        {
            bool prospect = generated[firstRecord[p]].Record.Source == Newsletter && random.NextDouble() < 0.4;
            buyerOfPerson[p] = prospect ? -1 : personOfBuyerList.Count;
            if (!prospect)
            {
                personOfBuyerList.Add(p);
            }
        }

        int[] personOfBuyer = [.. personOfBuyerList];
        TimeSpan span = options.End - options.Start;
        SimulatedTransactions purchases = new TransactionSimulator(new TransactionSimulatorOptions
        {
            CustomerCount = personOfBuyer.Length,
            Seed = (ulong)(uint)options.Seed,
            Start = options.Start,
            End = options.End,
            // Buyers keep arriving until two weeks before today, so the newest are still "new".
            AcquisitionWindow = span - TimeSpan.FromDays(14),
            TimeUnit = TimeUnit.Week,
            Order = SimulatedTransactionOrder.ByTime,
        }).Simulate();

        var arrival = new DateTimeOffset[persons];
        var satisfaction = new double[persons];
        for (int p = 0; p < persons; p++)
        {
            int b = buyerOfPerson[p];
            arrival[p] = b >= 0
                ? purchases.FirstPurchaseAt[b]
                : options.Start + TimeSpan.FromMinutes(Math.Floor(random.NextDouble() * (span.TotalMinutes - 24 * 60)));

            // Most customers are content, a few are not: a skewed draw on [0, 1].
            double u = random.NextDouble();
            satisfaction[p] = 1 - (u * u * 0.9);
        }

        // Records are observed when the person uses the channel: the original at arrival, further records later.
        var records = new IdentityRecord[generated.Count];
        var recordPerson = new int[generated.Count];
        var loyaltyCard = new string?[persons];
        for (int r = 0; r < generated.Count; r++)
        {
            SyntheticIdentity identity = generated[r];
            int p = identity.PersonId;
            DateTimeOffset observed = r == firstRecord[p]
                ? arrival[p]
                : arrival[p] + TimeSpan.FromMinutes(Math.Floor(random.NextDouble() * 0.9 * (options.End - arrival[p]).TotalMinutes));
            string? card = null;
            if (identity.Record.Source == Store && random.NextDouble() < 0.8)
            {
                card = loyaltyCard[p] ??= "loyalty:" + (4_000_000 + p).ToString(CultureInfo.InvariantCulture);
            }

            records[r] = Reobserve(identity.Record, observed, card);
            recordPerson[r] = p;
        }

        var lists = new List<int>[persons];
        for (int r = 0; r < records.Length; r++)
        {
            (lists[recordPerson[r]] ??= []).Add(r);
        }

        var personRecords = new int[persons][];
        for (int p = 0; p < persons; p++)
        {
            List<int> list = lists[p];
            int first = firstRecord[p];
            list.Remove(first);
            list.Sort((x, y) => records[x].ObservedAt.CompareTo(records[y].ObservedAt) is int c && c != 0 ? c : x.CompareTo(y));
            list.Insert(0, first);
            personRecords[p] = [.. list];
        }

        // The purchases of each buyer, in time order (the simulation is in time order).
        var counts = new int[personOfBuyer.Length];
        ReadOnlySpan<int> customerIndex = purchases.CustomerIndex;
        for (int i = 0; i < customerIndex.Length; i++)
        {
            counts[customerIndex[i]]++;
        }

        var purchasesOfBuyer = new int[personOfBuyer.Length][];
        for (int b = 0; b < counts.Length; b++)
        {
            purchasesOfBuyer[b] = new int[counts[b]];
            counts[b] = 0;
        }

        for (int i = 0; i < customerIndex.Length; i++)
        {
            int b = customerIndex[i];
            purchasesOfBuyer[b][counts[b]++] = i;
        }

        return new ShopPeople(records, recordPerson, personRecords, buyerOfPerson, personOfBuyer, arrival, satisfaction, purchases, purchasesOfBuyer);
    }

    /// <summary>The record a person uses on a channel at a time: a record from that source if they have one by then, else their home record.</summary>
    public int RecordFor(int person, string source, DateTimeOffset at)
    {
        int[] list = PersonRecords[person];
        for (int k = 1; k < list.Length; k++)
        {
            IdentityRecord record = Records[list[k]];
            if (record.ObservedAt > at)
            {
                break;
            }

            if (record.Source == source)
            {
                return list[k];
            }
        }

        return list[0];
    }

    /// <summary>The record a buyer uses for a purchase: mostly their home record, else another record they have by then.</summary>
    public int RecordForPurchase(int person, DateTimeOffset at, Random random)
    {
        int[] list = PersonRecords[person];
        if (list.Length == 1 || random.NextDouble() < 0.6)
        {
            return list[0];
        }

        int available = 1;
        while (available < list.Length && Records[list[available]].ObservedAt <= at)
        {
            available++;
        }

        return list[random.Next(available)];
    }

    private static IdentityRecord Reobserve(IdentityRecord r, DateTimeOffset observed, string? card) =>
        new(r.Source, r.SourceRecordId, observed)
        {
            GivenName = r.GivenName,
            FamilyName = r.FamilyName,
            FullName = r.FullName,
            Email = r.Email,
            Phone = r.Phone,
            BirthDate = r.BirthDate,
            StreetNumber = r.StreetNumber,
            Street = r.Street,
            Street2 = r.Street2,
            Locality = r.Locality,
            Postcode = r.Postcode,
            Region = r.Region,
            Country = r.Country,
            NationalId = r.NationalId,
            ExternalIds = card is null ? [] : [card],
        };
}
