using System.Globalization;
using System.Text;
using CsCheck;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.TestData;

/// <summary>A random summary problem: options, window and a transaction log, plus a seed for an arrival order.</summary>
internal sealed record SummaryScenario(
    PurchasePeriod Period,
    TimeUnit Unit,
    string TimeZoneId,
    DateTimeOffset CalibrationEnd,
    DateTimeOffset? ObservationEnd,
    Transaction[] Log,
    int ArrivalSeed)
{
    public CustomerSummaryOptions Options => new() { Period = Period, TimeUnit = Unit, TimeZoneId = TimeZoneId };

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The log in a random (seeded) arrival order.</summary>
    public Transaction[] Shuffled()
    {
        Transaction[] copy = (Transaction[])Log.Clone();
        new Random(ArrivalSeed).Shuffle(copy);
        return copy;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"period={Period} unit={Unit} zone={TimeZoneId} calibrationEnd={CalibrationEnd:O} observationEnd={ObservationEnd:O} arrivalSeed={ArrivalSeed}");
        foreach (Transaction t in Log)
        {
            sb.AppendLine().Append(CultureInfo.InvariantCulture, $"  {t.CustomerId} {t.OccurredAt:O} {t.Amount} {t.OrderId ?? "-"}");
        }

        return sb.ToString();
    }
}

/// <summary>CsCheck generators of transaction logs for the summary property tests.</summary>
internal static class TransactionLogGen
{
    /// <summary>The first day of the generated logs.</summary>
    public static readonly DateTimeOffset Origin = new(2021, 2, 20, 0, 0, 0, TimeSpan.Zero);

    // 45 days: dense enough that purchases, refunds and replays often share a day or a week; long enough to
    // cross both DST changes of 2021 (US 03-14, EU 03-28).
    private const int QuarterHoursPerDay = 96;
    private const int Days = 45;

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(-5), new TimeSpan(5, 30, 0)];

    // UTC, a DST zone east of UTC and one west of it (IANA ids; .NET on Linux and Windows with ICU maps them).
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/New_York"];

    private static readonly Gen<decimal> Amount = Gen.Frequency(
    [
        (4, (IGen<decimal>)Gen.Int[1, 99_999].Select(c => c / 100m)),
        (2, Gen.Int[1, 2_000].Select(c => c / 100m)),
        (1, Gen.Const(0m)),
        (2, Gen.Int[-30_000, -1].Select(c => c / 100m)),
    ]);

    private static DateTimeOffset At(int quarterHours, int offsetIndex) =>
        Origin.AddMinutes(15L * quarterHours).ToOffset(Offsets[offsetIndex]);

    private sealed record RawTransaction(int Customer, int QuarterHour, int OffsetIndex, decimal Amount, int OrderKind, int RefundTarget);

    private static readonly Gen<RawTransaction> Raw = Gen.Select(
        Gen.Int[0, 5],
        Gen.Int[0, Days * QuarterHoursPerDay],
        Gen.Int[0, Offsets.Length - 1],
        Amount,
        Gen.Int[0, 9],
        Gen.Int[0, 39],
        (c, q, o, a, k, r) => new RawTransaction(c, q, o, a, k, r));

    // Customer ids that differ only in case are different customers (ordinal ids).
    private static CustomerId Customer(int c) => new(c == 5 ? "C1" : "c" + c.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Logs without order-id conflicts: purchases carry a unique order id or none, refunds may carry the order id of
    /// another transaction (partial refunds), and some transactions are replayed (same order id, instant and amount,
    /// possibly written with another offset).
    /// </summary>
    public static readonly Gen<Transaction[]> ConflictFreeLog =
        Gen.Select(Raw.Array[0, 40], Gen.Select(Gen.Int[0, 1000], Gen.Int[0, Offsets.Length - 1]).Array[0, 8], (raw, replays) =>
        {
            var log = new List<Transaction>(raw.Length + replays.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                RawTransaction r = raw[i];
                string? orderId = r.OrderKind switch
                {
                    < 5 => null,
                    9 when r.Amount < 0m => "p" + r.RefundTarget.ToString(CultureInfo.InvariantCulture),
                    _ => "p" + i.ToString(CultureInfo.InvariantCulture),
                };
                log.Add(new Transaction(Customer(r.Customer), At(r.QuarterHour, r.OffsetIndex), r.Amount, orderId));
            }

            if (log.Count > 0)
            {
                foreach ((int pick, int offset) in replays)
                {
                    Transaction t = log[pick % log.Count];
                    log.Add(new Transaction(t.CustomerId, t.OccurredAt.ToOffset(Offsets[offset]), t.Amount, t.OrderId));
                }
            }

            return log.ToArray();
        });

    /// <summary>Logs whose purchases draw order ids from a pool of two, so conflicts are frequent.</summary>
    public static readonly Gen<Transaction[]> ConflictProneLog =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 6 * QuarterHoursPerDay], Gen.Int[1, 4], Gen.Int[0, 2], (c, q, a, k) =>
            new Transaction(Customer(c), At(q, 0), a, k == 0 ? null : k == 1 ? "a" : "b"))
        .Array[0, 12];

    private static readonly Gen<decimal> CentsOrOther = Gen.Frequency(
    [
        (12, (IGen<decimal>)Gen.Int[0, 99_999].Select(c => new decimal(c, 0, 0, false, 2))), // cents, scale 2 kept
        (1, Gen.Int[1, 500].Select(c => (decimal)c)), // whole amounts (scale 0)
        (1, Gen.Int[1, 30_000].Select(c => new decimal(c, 0, 0, true, 2))), // refunds
        (1, Gen.Select(Gen.Bool, Gen.Byte[0, 3], (negative, scale) => new decimal(0, 0, 0, negative, scale))), // zeros, -0 included
        (1, Gen.Int[0, 1_000_000].Select(c => new decimal(c, 1, 0, false, 2))), // 42,949,672.96 and more: beyond 32 bits
    ]);

    /// <summary>
    /// Logs without order ids (the batch builder's lean path), half of them in time order; amounts mostly
    /// non-negative cents, with whole amounts, refunds, zeros and amounts beyond 32-bit coefficients mixed in.
    /// </summary>
    public static readonly Gen<Transaction[]> LogWithoutOrderIds =
        Gen.Select(
            Gen.Select(Gen.Int[0, 5], Gen.Int[0, Days * QuarterHoursPerDay], Gen.Int[0, Offsets.Length - 1], CentsOrOther).Array[0, 40],
            Gen.Bool,
            (rows, timeOrdered) =>
            {
                Transaction[] log = rows.Select(r => new Transaction(Customer(r.Item1), At(r.Item2, r.Item3), r.Item4)).ToArray();
                return timeOrdered ? log.OrderBy(t => t.OccurredAt.UtcTicks).ToArray() : log;
            });

    public static Gen<SummaryScenario> Scenarios(Gen<Transaction[]> logs) =>
        Gen.Select(
            Gen.Int[0, 2].Select(i => (PurchasePeriod)i),
            Gen.Int[0, 3].Select(i => (TimeUnit)i),
            Gen.Int[0, Zones.Length - 1].Select(i => Zones[i]),
            Gen.Select(Gen.Int[0, Days * QuarterHoursPerDay], Gen.Int[0, Offsets.Length - 1]),
            Gen.Select(Gen.Bool, Gen.Int[0, Days * QuarterHoursPerDay]),
            logs,
            Gen.Int,
            (period, unit, zone, calibration, holdout, log, seed) =>
            {
                DateTimeOffset calibrationEnd = At(calibration.Item1, calibration.Item2);

                // At least 8 days later: always a later day, ISO week or instant.
                DateTimeOffset? observationEnd = holdout.Item1 ? calibrationEnd.AddDays(8).AddMinutes(15L * holdout.Item2) : null;
                return new SummaryScenario(period, unit, zone, calibrationEnd, observationEnd, log, seed);
            });
}
