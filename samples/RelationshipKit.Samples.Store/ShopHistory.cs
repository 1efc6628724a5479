using System.Globalization;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// Two years of what passed between the shop and its people, keyed by the customer ids identity resolution gave
/// their records: purchases on the channel of the record used, inquiries, complaints (some resolved), reviews and
/// survey opinions with ratings, suggestions, referrals, newsletters every other month with opens, clicks, responses and
/// unsubscribes, a year-end sale; and the consents, preferred channels, time zones and do-not-contact requests.
/// </summary>
internal sealed class ShopHistory
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly ShopPeople _people;
    private readonly CustomerId[] _customerOfRecord;
    private readonly Random _random;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;
    private readonly List<Interaction> _interactions = [];
    private readonly DateTimeOffset?[] _emailConsentAt;
    private readonly DateTimeOffset?[] _emailWithdrawnAt;
    private readonly DateTimeOffset?[] _smsConsentAt;
    private readonly DateTimeOffset?[] _doNotContactAt;
    private readonly DateTimeOffset?[] _unsubscribedAt;
    private readonly DateTimeOffset[] _lastOpenAt;
    private int _nextId;

    private ShopHistory(ShopPeople people, CustomerId[] customerOfRecord, StoreSampleOptions options)
    {
        _people = people;
        _customerOfRecord = customerOfRecord;
        _random = new Random(unchecked((options.Seed * 131) + 17));
        _start = options.Start;
        _end = options.End;
        int n = people.PersonCount;
        _emailConsentAt = new DateTimeOffset?[n];
        _emailWithdrawnAt = new DateTimeOffset?[n];
        _smsConsentAt = new DateTimeOffset?[n];
        _doNotContactAt = new DateTimeOffset?[n];
        _unsubscribedAt = new DateTimeOffset?[n];
        _lastOpenAt = new DateTimeOffset[n];
    }

    /// <summary>Every interaction, in time order (ties by id): the order the shop's systems append them.</summary>
    public List<Interaction> Interactions => _interactions;

    /// <summary>Consents given and withdrawn, with the customer they were recorded for.</summary>
    public List<(CustomerId Customer, ConsentRecord Consent)> Consents { get; } = [];

    /// <summary>Preferred channels stated by customers.</summary>
    public List<(CustomerId Customer, Channel[] Channels)> PreferredChannels { get; } = [];

    /// <summary>Time zones stated by customers.</summary>
    public List<(CustomerId Customer, string TimeZoneId)> TimeZones { get; } = [];

    /// <summary>Do-not-contact requests.</summary>
    public List<(CustomerId Customer, DateTimeOffset At, string Source)> DoNotContact { get; } = [];

    /// <summary>The distinct customers of the purchases (the customer column of the transaction log).</summary>
    public CustomerId[] PurchaseCustomers { get; private set; } = [];

    /// <summary>For each purchase, its customer's index in <see cref="PurchaseCustomers"/>.</summary>
    public int[] PurchaseCustomerIndex { get; private set; } = [];

    /// <summary>For each purchase, when.</summary>
    public DateTimeOffset[] PurchaseAt { get; private set; } = [];

    /// <summary>For each purchase, the amount.</summary>
    public decimal[] PurchaseAmount { get; private set; } = [];

    /// <summary>For each purchase, the order id (also the interaction's idempotency key).</summary>
    public string?[] PurchaseOrderId { get; private set; } = [];

    /// <summary>The (order id, product) lines of every basket, for the co-purchase statistics.</summary>
    public List<KeyValuePair<string, string>> BasketLines { get; } = [];

    /// <summary>The number of campaigns sent (newsletters, sale e-mails and texts).</summary>
    public int CampaignCount { get; private set; }

    /// <summary>Generates the history.</summary>
    /// <param name="people">The people and their purchases.</param>
    /// <param name="customerOfRecord">The customer id resolution gave each record.</param>
    /// <param name="options">The sample options.</param>
    public static ShopHistory Generate(ShopPeople people, CustomerId[] customerOfRecord, StoreSampleOptions options)
    {
        var history = new ShopHistory(people, customerOfRecord, options);
        history.GeneratePreferences();
        history.GeneratePurchasesAndFollowUps();
        history.GenerateReferrals();
        history.GenerateCampaigns();
        history._interactions.Sort(static (a, b) =>
        {
            int c = a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return history;
    }

    private CustomerId Home(int person) => _customerOfRecord[_people.PersonRecords[person][0]];

    private CustomerId CustomerOn(int person, string source, DateTimeOffset at) => _customerOfRecord[_people.RecordFor(person, source, at)];

    private string NextId(char prefix) => prefix + (_nextId++).ToString(CultureInfo.InvariantCulture);

    private DateTimeOffset After(DateTimeOffset at, double minDays, double maxDays) =>
        at + TimeSpan.FromMinutes(Math.Floor((minDays + (_random.NextDouble() * (maxDays - minDays))) * 24 * 60));

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        from + TimeSpan.FromMinutes(Math.Floor(_random.NextDouble() * Math.Max(0, (to - from).TotalMinutes)));

    private void GeneratePreferences()
    {
        Channel[][] statedChoices = [[Channel.Email], [Channel.Sms], [Channel.Phone], [Channel.Email, Channel.Sms], [Channel.App, Channel.Email]];
        for (int p = 0; p < _people.PersonCount; p++)
        {
            IdentityRecord home = _people.Records[_people.PersonRecords[p][0]];
            CustomerId customer = Home(p);
            DateTimeOffset arrival = _people.Arrival[p];
            string signup = "signup:" + home.Source;

            double emailShare = home.Source switch
            {
                ShopPeople.Newsletter => 1.0,
                ShopPeople.Web => 0.55,
                ShopPeople.Store => 0.4,
                _ => 0.25,
            };
            if (_random.NextDouble() < emailShare)
            {
                GrantEmail(p, customer, arrival, signup);
            }

            // A later newsletter sign-up (a further record) brings an e-mail consent under that record's customer.
            foreach (int r in _people.PersonRecords[p].AsSpan(1))
            {
                IdentityRecord record = _people.Records[r];
                if (record.Source == ShopPeople.Newsletter)
                {
                    GrantEmail(p, _customerOfRecord[r], record.ObservedAt, "signup:newsletter");
                }
            }

            double smsShare = home.Source switch { ShopPeople.Store => 0.3, ShopPeople.Web => 0.12, ShopPeople.CallCentre => 0.1, _ => 0.0 };
            if (_random.NextDouble() < smsShare)
            {
                _smsConsentAt[p] = arrival;
                Consents.Add((customer, new ConsentRecord(Channel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, arrival, signup)));
            }

            if (home.Source == ShopPeople.CallCentre && _random.NextDouble() < 0.2)
            {
                Consents.Add((customer, new ConsentRecord(Channel.Phone, ContactPurpose.Marketing, ConsentStatus.Granted, arrival, signup)));
            }

            if (_random.NextDouble() < 0.3)
            {
                Consents.Add((customer, new ConsentRecord(Channel.Email, ContactPurpose.Survey, ConsentStatus.Granted, arrival, signup)));
            }

            if (_emailConsentAt[p] is { } granted && _random.NextDouble() < 0.04)
            {
                DateTimeOffset withdrawn = Between(granted, _end);
                _emailWithdrawnAt[p] = withdrawn;
                Consents.Add((customer, new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, withdrawn, "preference-centre")));
            }

            if (_random.NextDouble() < 0.015)
            {
                DateTimeOffset at = Between(arrival, _end);
                _doNotContactAt[p] = at;
                DoNotContact.Add((customer, at, "contact-centre request"));
            }

            if (_random.NextDouble() < 0.3)
            {
                PreferredChannels.Add((customer, statedChoices[_random.Next(statedChoices.Length)]));
            }

            if (_random.NextDouble() < 0.6 && ZoneOf(home.Region) is { } zone)
            {
                TimeZones.Add((customer, zone));
            }
        }
    }

    private void GrantEmail(int person, CustomerId customer, DateTimeOffset at, string source)
    {
        if (_emailConsentAt[person] is null || at < _emailConsentAt[person])
        {
            _emailConsentAt[person] = at;
        }

        Consents.Add((customer, new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, at, source)));
    }

    /// <summary>The IANA zone of an Australian state or territory (the synthetic addresses are Australian).</summary>
    public static string? ZoneOf(string? region) => region switch
    {
        "nsw" or "act" => "Australia/Sydney",
        "vic" => "Australia/Melbourne",
        "tas" => "Australia/Hobart",
        "qld" => "Australia/Brisbane",
        "sa" => "Australia/Adelaide",
        "nt" => "Australia/Darwin",
        "wa" => "Australia/Perth",
        _ => null,
    };

    private static Channel PurchaseChannel(string source) => source switch
    {
        ShopPeople.Store => Channel.StoreVisit,
        ShopPeople.CallCentre => Channel.Phone,
        _ => Channel.Web,
    };

    private void GeneratePurchasesAndFollowUps()
    {
        SimulatedView shop = new(_people);
        int rows = shop.Count;
        var index = new Dictionary<CustomerId, int>();
        var customers = new List<CustomerId>();
        PurchaseCustomerIndex = new int[rows];
        PurchaseAt = new DateTimeOffset[rows];
        PurchaseAmount = new decimal[rows];
        PurchaseOrderId = new string?[rows];
        int row = 0;
        for (int b = 0; b < _people.PersonOfBuyer.Length; b++)
        {
            int p = _people.PersonOfBuyer[b];
            double satisfaction = _people.Satisfaction[p];
            int favourite = _random.Next(Catalogue.Categories.Length);
            bool repeat = false;
            foreach (int i in _people.PurchasesOfBuyer[b])
            {
                DateTimeOffset at = shop.OccurredAt(i);
                decimal amount = shop.Amount(i);
                int record = _people.RecordForPurchase(p, at, _random);
                CustomerId customer = _customerOfRecord[record];
                string orderId = "o" + i.ToString(CultureInfo.InvariantCulture);
                (string category, List<string> products) = Catalogue.Basket(_random, favourite, repeat);
                repeat = true;
                foreach (string product in products)
                {
                    BasketLines.Add(new KeyValuePair<string, string>(orderId, product));
                }

                KeyValuePair<string, string>[] attributes = [new(Catalogue.CategoryAttribute, category), new(Catalogue.ProductsAttribute, string.Join(',', products))];
                _interactions.Add(new Interaction(orderId, customer, InteractionKind.Purchase, PurchaseChannel(_people.Records[record].Source), InteractionDirection.Inbound, at, amount, attributes: attributes));
                if (!index.TryGetValue(customer, out int k))
                {
                    k = customers.Count;
                    index.Add(customer, k);
                    customers.Add(customer);
                }

                PurchaseCustomerIndex[row] = k;
                PurchaseAt[row] = at;
                PurchaseAmount[row] = amount;
                PurchaseOrderId[row] = orderId;
                row++;
                FollowUps(p, at, satisfaction);
            }
        }

        PurchaseCustomers = [.. customers];
    }

    private void FollowUps(int p, DateTimeOffset purchase, double satisfaction)
    {
        if (_random.NextDouble() < 0.08)
        {
            DateTimeOffset at = After(purchase, 0.5, 5);
            double u = _random.NextDouble();
            Channel channel = u < 0.5 ? Channel.ContactCentre : u < 0.8 ? Channel.Chat : Channel.Email;
            Add('i', CustomerOn(p, channel == Channel.ContactCentre ? ShopPeople.CallCentre : ShopPeople.Web, at), InteractionKind.Inquiry, channel, InteractionDirection.Inbound, at);
        }

        if (_random.NextDouble() < 0.01 + (0.08 * (1 - satisfaction)))
        {
            DateTimeOffset at = After(purchase, 1, 10);
            double u = _random.NextDouble();
            Channel channel = u < 0.6 ? Channel.ContactCentre : u < 0.85 ? Channel.Email : Channel.Chat;
            CustomerId customer = CustomerOn(p, channel == Channel.ContactCentre ? ShopPeople.CallCentre : ShopPeople.Web, at);
            if (Add('x', customer, InteractionKind.Complaint, channel, InteractionDirection.Inbound, at, sentiment: -0.6))
            {
                if (_random.NextDouble() < 0.55 + (0.4 * satisfaction))
                {
                    DateTimeOffset resolved = After(at, 1, 20);
                    Add('s', customer, InteractionKind.ComplaintResolved, Channel.ContactCentre, InteractionDirection.Outbound, resolved, outcome: Interaction.ResolvedOutcome);
                }
            }
        }

        if (_random.NextDouble() < 0.07)
        {
            DateTimeOffset at = After(purchase, 2, 14);
            int rating = Math.Clamp((int)Math.Round((10 * satisfaction) + (Normal() * 1.2)), Interaction.MinRating, Interaction.MaxRating);
            Add('r', CustomerOn(p, ShopPeople.Web, at), InteractionKind.Review, Channel.Web, InteractionDirection.Inbound, at, rating: rating, sentiment: (rating - 5) / 5.0);
        }

        if (_random.NextDouble() < 0.03)
        {
            DateTimeOffset at = After(purchase, 3, 20);
            int rating = Math.Clamp((int)Math.Round((10 * satisfaction) + (Normal() * 1.5)), Interaction.MinRating, Interaction.MaxRating);
            Add('n', CustomerOn(p, ShopPeople.Newsletter, at), InteractionKind.Opinion, Channel.Email, InteractionDirection.Inbound, at, rating: rating);
        }

        if (satisfaction > 0.85 && _random.NextDouble() < 0.01)
        {
            DateTimeOffset at = After(purchase, 1, 30);
            Add('g', CustomerOn(p, ShopPeople.Web, at), InteractionKind.Suggestion, Channel.Web, InteractionDirection.Inbound, at, sentiment: 0.5);
        }
    }

    private void GenerateReferrals()
    {
        // Happy buyers bring friends: a share of arrivals was referred by an earlier, still active, satisfied buyer.
        int[] byArrival = [.. Enumerable.Range(0, _people.PersonCount).OrderBy(p => _people.Arrival[p]).ThenBy(p => p)];
        var pool = new List<int>();
        SimulatedView shop = new(_people);
        foreach (int q in byArrival)
        {
            DateTimeOffset arrived = _people.Arrival[q];
            if (arrived > _start + TimeSpan.FromDays(30) && pool.Count > 0 && _random.NextDouble() < 0.07)
            {
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    int a = pool[_random.Next(pool.Count)];
                    int b = _people.BuyerOfPerson[a];
                    if (shop.DropoutAt(b) <= arrived || _people.Arrival[a] > arrived - (2 * Day))
                    {
                        continue;
                    }

                    DateTimeOffset at = Between(Max(_people.Arrival[a], arrived - (14 * Day)), arrived);
                    IdentityRecord referred = _people.Records[_people.PersonRecords[q][0]];
                    Add('f', CustomerOn(a, ShopPeople.Web, at), InteractionKind.Referral, Channel.Web, InteractionDirection.Inbound, at,
                        attributes: [new("referredRecord", referred.Key.ToString())]);
                    break;
                }
            }

            if (_people.BuyerOfPerson[q] >= 0 && _people.Satisfaction[q] >= 0.8)
            {
                pool.Add(q);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void GenerateCampaigns()
    {
        var campaigns = new List<(string Name, DateTimeOffset At, Channel Channel, TimeSpan ActiveWithin)>();
        // The newsletter goes out every other month, on the first Tuesday.
        for (DateTimeOffset month = new(_start.Year, _start.Month, 1, 0, 0, 0, TimeSpan.Zero); month < _end; month = month.AddMonths(2))
        {
            DateTimeOffset day = month;
            while (day.DayOfWeek != DayOfWeek.Tuesday)
            {
                day += Day;
            }

            DateTimeOffset at = day + TimeSpan.FromHours(1);
            if (at > _start + (20 * Day) && at < _end)
            {
                campaigns.Add(("newsletter-" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture), at, Channel.Email, TimeSpan.FromDays(120)));
            }
        }

        // The year-end sale: two e-mails and a text to recently active subscribers in the last week.
        campaigns.Add(("sale-email-1", _end - (5 * Day) + TimeSpan.FromHours(1), Channel.Email, TimeSpan.FromDays(90)));
        campaigns.Add(("sale-email-2", _end - (2 * Day) + TimeSpan.FromHours(1), Channel.Email, TimeSpan.FromDays(90)));
        campaigns.Add(("sale-sms", _end - Day + TimeSpan.FromHours(2), Channel.Sms, TimeSpan.FromDays(90)));
        campaigns.Sort(static (a, b) => a.At.CompareTo(b.At));
        CampaignCount = campaigns.Count;

        SimulatedView shop = new(_people);
        var cursor = new int[_people.PersonOfBuyer.Length];
        for (int p = 0; p < _people.PersonCount; p++)
        {
            _lastOpenAt[p] = DateTimeOffset.MinValue;
        }

        foreach ((string name, DateTimeOffset at, Channel channel, TimeSpan activeWithin) in campaigns)
        {
            for (int p = 0; p < _people.PersonCount; p++)
            {
                if (_people.Arrival[p] > at || Before(_doNotContactAt[p], at) || Before(_unsubscribedAt[p], at))
                {
                    continue;
                }

                bool consented = channel == Channel.Sms
                    ? Before(_smsConsentAt[p], at)
                    : Before(_emailConsentAt[p], at) && !Before(_emailWithdrawnAt[p], at);
                if (!consented)
                {
                    continue;
                }

                // The sunset rule: only people active (arrived, bought or opened) within the window.
                int b = _people.BuyerOfPerson[p];
                DateTimeOffset lastActive = Max(_people.Arrival[p], _lastOpenAt[p]);
                DateTimeOffset? nextPurchase = null;
                if (b >= 0)
                {
                    int[] rows = _people.PurchasesOfBuyer[b];
                    while (cursor[b] < rows.Length && shop.OccurredAt(rows[cursor[b]]) <= at)
                    {
                        cursor[b]++;
                    }

                    if (cursor[b] > 0)
                    {
                        lastActive = Max(lastActive, shop.OccurredAt(rows[cursor[b] - 1]));
                    }

                    if (cursor[b] < rows.Length)
                    {
                        nextPurchase = shop.OccurredAt(rows[cursor[b]]);
                    }
                }

                if (at - lastActive > activeWithin)
                {
                    continue;
                }

                CustomerId customer = CustomerOn(p, ShopPeople.Newsletter, at);
                Add('c', customer, InteractionKind.CampaignSent, channel, InteractionDirection.Outbound, at, campaign: name);
                bool alive = b < 0 || shop.DropoutAt(b) > at;
                double openShare = alive ? 0.15 + (0.35 * _people.Satisfaction[p]) : 0.05;
                if (b < 0)
                {
                    openShare *= 0.6;
                }

                if (channel == Channel.Email && _random.NextDouble() < openShare)
                {
                    DateTimeOffset opened = After(at, 0, 2);
                    if (Add('c', customer, InteractionKind.CampaignOpened, channel, InteractionDirection.Inbound, opened, campaign: name))
                    {
                        _lastOpenAt[p] = opened;
                        if (_random.NextDouble() < 0.35)
                        {
                            Add('c', customer, InteractionKind.CampaignClicked, channel, InteractionDirection.Inbound, opened + TimeSpan.FromMinutes(1 + _random.Next(30)), campaign: name);
                        }
                    }
                }

                if (nextPurchase is { } next && next - at <= TimeSpan.FromDays(7))
                {
                    Add('c', customer, InteractionKind.CampaignResponded, channel, InteractionDirection.Inbound, next, campaign: name);
                }

                if (_random.NextDouble() < (alive ? 0.003 : 0.02))
                {
                    DateTimeOffset unsubscribed = After(at, 0, 3);
                    if (Add('c', customer, InteractionKind.CampaignUnsubscribed, channel, InteractionDirection.Inbound, unsubscribed, campaign: name))
                    {
                        _unsubscribedAt[p] = unsubscribed;
                    }
                }
            }
        }
    }

    private static bool Before(DateTimeOffset? time, DateTimeOffset at) => time is { } t && t <= at;

    private bool Add(
        char prefix,
        CustomerId customer,
        InteractionKind kind,
        Channel channel,
        InteractionDirection direction,
        DateTimeOffset at,
        string? campaign = null,
        string? outcome = null,
        int? rating = null,
        double? sentiment = null,
        KeyValuePair<string, string>[]? attributes = null)
    {
        if (at >= _end)
        {
            return false; // not happened yet
        }

        _interactions.Add(new Interaction(NextId(prefix), customer, kind, channel, direction, at, null, campaign, outcome, rating, sentiment, attributes));
        return true;
    }

    private double Normal()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Indexes the simulated purchases without copying them.</summary>
    private readonly struct SimulatedView(ShopPeople people)
    {
        public int Count => people.Purchases.Count;

        public DateTimeOffset OccurredAt(int row) => people.Purchases.OccurredAt[row];

        public decimal Amount(int row) => people.Purchases.Amounts[row];

        public DateTimeOffset DropoutAt(int buyer) => people.Purchases.DropoutAt[buyer];
    }
}
