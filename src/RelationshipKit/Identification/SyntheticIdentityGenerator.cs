using System.Globalization;
using System.Text;

namespace RelationshipKit.Identification;

/// <summary>
/// Generates synthetic person records with known truth, for benchmarks, demos and accuracy checks: people with
/// names (several languages, with diacritics), birth dates, addresses whose locality, postcode and region agree,
/// e-mail addresses and phone numbers; then duplicate records from other channels with realistic corruption:
/// typing errors (substitution, deletion, insertion, transposition), missing fields, other formats (date and
/// phone formats, case, e-mail plus tags and dots), nicknames as initials, day and month swapped.
/// </summary>
/// <remarks>
/// Deterministic per seed: the same arguments give the same records in the same order, on every platform.
/// The generator is modelled on the Febrl data generator (Christen 2005) without copying its tables.
/// Static and thread-safe.
/// </remarks>
public static class SyntheticIdentityGenerator
{
    private static readonly string[] GivenNames =
    [
        "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david", "barbara",
        "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "christopher", "nancy", "daniel", "lisa",
        "matthew", "margaret", "anthony", "betty", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily",
        "andrew", "donna", "joshua", "michelle", "kenneth", "dorothy", "kevin", "carol", "brian", "amanda", "george", "melissa",
        "edward", "deborah", "ronald", "stephanie", "timothy", "rebecca", "jason", "sharon", "jeffrey", "laura", "ryan", "cynthia",
        "jacob", "kathleen", "gary", "amy", "nicholas", "shirley", "eric", "angela", "jonathan", "helen", "stephen", "anna",
        "larry", "brenda", "justin", "pamela", "scott", "nicole", "brandon", "emma", "benjamin", "samantha", "samuel", "katherine",
        "José", "María", "François", "Zoë", "Søren", "Åsa", "Jürgen", "Märta", "Ştefan", "İlkay", "Yıldız", "Çağla", "Łukasz",
        "Małgorzata", "Dmitri", "Olga", "Nguyễn", "Thảo", "Siobhán", "Seán", "Chloé", "Renée", "André", "Noémie", "Jörg",
        "ahmed", "fatima", "mohammed", "aisha", "wei", "li", "hiroshi", "yuki", "raj", "priya", "kwame", "ama", "oluwaseun",
        "chidi", "ngozi", "mateo", "lucia", "santiago", "valentina", "luca", "giulia", "lars", "ingrid", "pieter", "anouk",
    ];

    private static readonly string[] FamilyNames =
    [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez",
        "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson",
        "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright",
        "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall", "rivera", "campbell",
        "mitchell", "carter", "roberts", "gomez", "phillips", "evans", "turner", "diaz", "parker", "cruz", "edwards", "collins",
        "reyes", "stewart", "morris", "morales", "murphy", "cook", "rogers", "gutierrez", "ortiz", "morgan", "cooper", "peterson",
        "bailey", "reed", "kelly", "howard", "ramos", "kim", "cox", "ward", "richardson", "watson", "brooks", "chavez", "wood",
        "Müller", "Schäfer", "Größ", "Dvořák", "Novák", "Kowalski", "Wójcik", "Lewandowski", "Øverland", "Sørensen", "Åberg",
        "Yılmaz", "Şahin", "Öztürk", "Çelik", "Doğan", "O'Brien", "O'Neill", "McDonald", "MacLeod", "D'Angelo", "De la Cruz",
        "van der Berg", "van Dijk", "de Vries", "Janssen", "Dupont", "Lefèvre", "Girard", "Rossi", "Russo", "Bianchi", "Ferrari",
        "Esposito", "Romano", "Nakamura", "Tanaka", "Suzuki", "Watanabe", "Chen", "Wang", "Zhang", "Liu", "Patel", "Shah",
        "Singh", "Kumar", "Okafor", "Adeyemi", "Mensah", "Boateng", "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popescu",
        "Horvat", "Kovačević", "Nielsen", "Hansen", "Johansson", "Karlsson", "Andersson", "Virtanen", "Korhonen", "Papadopoulos",
    ];

    private static readonly string[] StreetNames =
    [
        "high", "station", "main", "church", "park", "victoria", "green", "manor", "mill", "school", "queens", "kings", "new",
        "grange", "north", "south", "west", "east", "chapel", "albert", "london", "york", "george", "elm", "oak", "maple", "cedar",
        "willow", "birch", "ash", "pine", "lake", "river", "hill", "forest", "meadow", "orchard", "garden", "bridge", "castle",
        "market", "windsor", "cambridge", "oxford", "springfield", "highfield", "riverside", "woodland", "sunset", "harbour",
    ];

    private static readonly string[] StreetTypes = ["street", "road", "avenue", "lane", "drive", "close", "crescent", "place", "way", "court"];

    private static readonly string[] LocalityParts =
    [
        "north", "south", "east", "west", "upper", "lower", "port", "mount", "glen", "new", "old", "saint",
    ];

    private static readonly string[] LocalityStems =
    [
        "brook", "field", "ford", "ham", "ley", "ton", "wood", "bury", "dale", "wick", "stead", "worth", "haven", "cliff", "moor",
        "bridge", "well", "combe", "minster", "chester",
    ];

    private static readonly string[] LocalityRoots =
    [
        "ash", "bel", "black", "bright", "brook", "chap", "clay", "cold", "dun", "elder", "fair", "glen", "green", "hart", "kings",
        "lang", "lin", "marl", "mid", "oak", "red", "rose", "sand", "shep", "stan", "stock", "sun", "thorn", "wal", "white", "win",
    ];

    private static readonly string[] Regions = ["nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"];

    private static readonly string[] Providers = ["gmail.com", "outlook.com", "yahoo.com", "mail.net", "web.de", "orange.fr", "proton.me"];

    private static readonly string[] Sources = ["web", "store", "callcentre", "newsletter"];

    /// <summary>Generates records.</summary>
    /// <param name="recordCount">How many records (1 to 50,000,000).</param>
    /// <param name="seed">The seed; the same seed gives the same records.</param>
    /// <param name="duplicateShare">The share of records that are further records of an already generated person (0 to 0.9).</param>
    /// <returns>The records with their true person ids, originals and duplicates interleaved.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static IReadOnlyList<SyntheticIdentity> Generate(int recordCount, int seed, double duplicateShare = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recordCount, 50_000_000);
        if (!(duplicateShare >= 0 && duplicateShare <= 0.9))
        {
            throw new ArgumentOutOfRangeException(nameof(duplicateShare), duplicateShare, "The duplicate share must be 0 to 0.9.");
        }

        var random = new Random(seed);
        int people = Math.Max(1, (int)Math.Round(recordCount * (1 - duplicateShare)));
        int localities = Math.Max(20, Math.Min(20_000, recordCount / 200));
        var places = new (string Locality, string Postcode, string Region)[localities];
        var usedPostcodes = new HashSet<int>();
        for (int i = 0; i < localities; i++)
        {
            string name = LocalityName(random, i);
            int postcode;
            do
            {
                postcode = random.Next(1000, 100_000);
            }
            while (!usedPostcodes.Add(postcode));
            places[i] = (name, postcode.ToString(postcode < 10_000 ? "0000" : "00000", CultureInfo.InvariantCulture), Regions[random.Next(Regions.Length)]);
        }

        var persons = new Person[people];
        var result = new List<SyntheticIdentity>(recordCount);
        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < people; p++)
        {
            persons[p] = NewPerson(random, places, emails);
        }

        // Originals first in a shuffled order of channels, then duplicates of random earlier people, interleaved.
        int duplicates = recordCount - people;
        int next = 0;
        for (int k = 0; k < recordCount; k++)
        {
            bool duplicate = next >= people || (k > 0 && random.NextDouble() < (double)duplicates / (recordCount - k) && next > 0);
            int person;
            if (duplicate)
            {
                person = random.Next(next);
                duplicates--;
            }
            else
            {
                person = next++;
            }

            DateTimeOffset observed = epoch.AddMinutes(k * 7 + random.Next(7));
            string source = Sources[random.Next(Sources.Length)];
            string id = source + "-" + k.ToString(CultureInfo.InvariantCulture);
            result.Add(new SyntheticIdentity(MakeRecord(random, persons[person], source, id, observed, corrupt: duplicate), person));
        }

        return result;
    }

    private static string LocalityName(Random random, int i)
    {
        string root = LocalityRoots[random.Next(LocalityRoots.Length)] + LocalityStems[random.Next(LocalityStems.Length)];
        return random.NextDouble() < 0.3 ? LocalityParts[random.Next(LocalityParts.Length)] + " " + root : root + (i >= 600 ? " " + (char)('a' + (i % 26)) : string.Empty);
    }

    private static readonly double[] GivenCumulative = Cumulative(GivenNames.Length);
    private static readonly double[] FamilyCumulative = Cumulative(FamilyNames.Length);

    /// <summary>Cumulative weights for a skewed choice: P(rank) is proportional to 1 / (rank + 20), so the commonest value holds a few per cent, like real name frequencies.</summary>
    private static double[] Cumulative(int count)
    {
        double[] cumulative = new double[count];
        double total = 0;
        for (int r = 0; r < count; r++)
        {
            total += 1.0 / (r + 20);
            cumulative[r] = total;
        }

        for (int r = 0; r < count; r++)
        {
            cumulative[r] /= total;
        }

        return cumulative;
    }

    private static int Skewed(Random random, double[] cumulative)
    {
        int index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index);
    }

    private static Person NewPerson(Random random, (string Locality, string Postcode, string Region)[] places, HashSet<string> emails)
    {
        // Real populations have thousands of given names and tens of thousands of family names: most people take a
        // common name from the lists; the others get a rarer name built from syllables.
        string given = random.NextDouble() < 0.8 ? GivenNames[Skewed(random, GivenCumulative)] : Syllables(random, 2);
        string family = random.NextDouble() < 0.6 ? FamilyNames[Skewed(random, FamilyCumulative)] : Syllables(random, 2 + random.Next(2));
        if (random.NextDouble() < 0.05)
        {
            family = family + "-" + FamilyNames[random.Next(FamilyNames.Length)];
        }

        var birth = new DateOnly(1935, 1, 1).AddDays(random.Next(0, 70 * 365));
        (string locality, string postcode, string region) = places[random.Next(places.Length)];
        string street = StreetNames[random.Next(StreetNames.Length)] + " " + StreetTypes[random.Next(StreetTypes.Length)];
        string number = random.Next(1, 400).ToString(CultureInfo.InvariantCulture);
        string local = Ascii(given) + (random.NextDouble() < 0.5 ? "." : string.Empty) + Ascii(family).Replace(" ", string.Empty, StringComparison.Ordinal)
            + (random.NextDouble() < 0.4 ? random.Next(1, 99).ToString(CultureInfo.InvariantCulture) : string.Empty);
        // An address belongs to one person: the provider refuses a taken one, so people add digits.
        string provider = Providers[random.Next(Providers.Length)];
        string email = local + "@" + provider;
        while (!emails.Add(email.Replace(".", string.Empty, StringComparison.Ordinal)))
        {
            email = local + random.Next(1, 10_000).ToString(CultureInfo.InvariantCulture) + "@" + provider;
        }
        string phone = "+44" + (7_000_000_000L + random.NextInt64(0, 999_999_999)).ToString(CultureInfo.InvariantCulture);
        string national = random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
        return new Person(Title(given), Title(family), birth, number, Title(street), locality, postcode, region, email, phone, national);
    }

    private static IdentityRecord MakeRecord(Random random, Person p, string source, string id, DateTimeOffset observed, bool corrupt)
    {
        double missing = corrupt ? 0.12 : 0.04;
        string? Maybe(string value, double share = -1) => random.NextDouble() < (share < 0 ? missing : share) ? null : value;
        string given = p.Given;
        string family = p.Family;
        DateOnly birth = p.Birth;
        string street = p.Street;
        string email = p.Email;
        string phone = p.Phone;
        string national = p.National;
        string number = p.Number;
        string locality = p.Locality;
        string postcode = p.Postcode;
        if (corrupt)
        {
            // 1 to 3 corruptions, spread over fields.
            int corruptions = 1 + random.Next(3);
            for (int k = 0; k < corruptions; k++)
            {
                switch (random.Next(12))
                {
                    case 0 or 1: given = Typo(random, given); break;
                    case 2 or 3: family = Typo(random, family); break;
                    case 4: given = given[..1]; break;
                    case 5: birth = birth.Day <= 12 && random.NextDouble() < 0.5 ? new DateOnly(birth.Year, birth.Day, birth.Month) : birth.AddDays(random.Next(-3, 4) * (random.NextDouble() < 0.3 ? 365 : 1)); break;
                    case 6: street = Typo(random, street); break;
                    case 7: email = random.NextDouble() < 0.5 ? Typo(random, email) : email.Replace("@", "+shop@", StringComparison.Ordinal); break;
                    case 8: phone = Typo(random, phone); break;
                    case 9: national = Typo(random, national); break;
                    case 10: locality = Typo(random, locality); break;
                    default: postcode = Typo(random, postcode); break;
                }
            }

            if (random.NextDouble() < 0.3)
            {
                given = given.ToUpperInvariant();
                family = family.ToUpperInvariant();
            }
        }

        string birthText = (random.Next(4)) switch
        {
            0 => birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            2 => birth.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            _ => birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        };
        string phoneText = random.Next(3) switch
        {
            0 => phone,
            1 => "0" + phone[3..7] + " " + phone[7..],
            _ => "+44 (0)" + phone[3..7] + "-" + phone[7..],
        };
        bool newsletter = source == "newsletter";
        bool store = source == "store";
        return new IdentityRecord(source, id, observed)
        {
            GivenName = Maybe(given),
            FamilyName = newsletter ? Maybe(family, 0.5) : Maybe(family),
            Email = store ? Maybe(email, 0.6) : Maybe(email),
            Phone = newsletter ? null : Maybe(phoneText, 0.3),
            BirthDate = newsletter ? null : Maybe(birthText, 0.2),
            StreetNumber = newsletter ? null : Maybe(number),
            Street = newsletter ? null : Maybe(street),
            Locality = newsletter ? null : Maybe(locality),
            Postcode = newsletter ? Maybe(postcode, 0.7) : Maybe(postcode),
            Region = newsletter ? null : Maybe(p.Region),
            Country = "AU",
            NationalId = store ? Maybe(national, 0.5) : null,
        };
    }

    private static readonly string[] SyllableList =
    [
        "ka", "lo", "mi", "ra", "ten", "ber", "son", "dra", "vik", "mar", "el", "an", "is", "ot", "ul", "sen", "ria", "nor", "bel",
        "ha", "ger", "lin", "ko", "sa", "ta", "ven", "dor", "fi", "gu", "ja", "ne", "ri", "shi", "to", "wa", "ya", "zu", "ber", "ston",
    ];

    private static string Syllables(Random random, int count)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            sb.Append(SyllableList[random.Next(SyllableList.Length)]);
        }

        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    private static string Typo(Random random, string value)
    {
        if (value.Length < 2)
        {
            return value;
        }

        var sb = new StringBuilder(value);
        int i = random.Next(value.Length - 1);
        switch (random.Next(4))
        {
            case 0: sb[i] = (char)('a' + random.Next(26)); break;
            case 1: sb.Remove(i, 1); break;
            case 2: sb.Insert(i, (char)('a' + random.Next(26))); break;
            default: (sb[i], sb[i + 1]) = (sb[i + 1], sb[i]); break;
        }

        return sb.ToString();
    }

    private static string Title(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];

    private static string Ascii(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value.Normalize(NormalizationForm.FormD))
        {
            if (c < 128 && char.IsLetter(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private sealed record Person(
        string Given, string Family, DateOnly Birth, string Number, string Street, string Locality, string Postcode, string Region,
        string Email, string Phone, string National);
}
