using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>Maps timestamps to purchase-period keys and period starts (in local ticks of the options' time zone).</summary>
internal readonly struct Periodizer
{
    private const long TicksPerWeek = TimeSpan.TicksPerDay * 7;

    private readonly PurchasePeriod _period;
    private readonly TimeZoneInfo? _zone; // null = UTC fast path

    public Periodizer(PurchasePeriod period, string timeZoneId)
    {
        _period = period;
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        _zone = zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime ? null : zone;
    }

    public PurchasePeriod Period => _period;

    /// <summary>Whether periods are cut in UTC (no time zone offset to apply).</summary>
    public bool IsUtc => _zone is null;

    /// <summary>The key of the period that contains <paramref name="time"/>; keys increase with time.</summary>
    public long KeyOf(DateTimeOffset time)
    {
        if (_period == PurchasePeriod.Transaction)
        {
            return time.UtcTicks;
        }

        long local = _zone is null ? time.UtcTicks : time.UtcTicks + _zone.GetUtcOffset(time).Ticks;
        // DateTime.MinValue (0001-01-01) is a Monday, so whole weeks since then are ISO weeks.
        return _period == PurchasePeriod.Day ? local / TimeSpan.TicksPerDay : local / TicksPerWeek;
    }

    /// <summary>
    /// <see cref="KeyOf"/> of a time given by its UTC ticks: the key depends on the instant alone (a time zone's
    /// offset at an instant does not depend on the offset the time was written with).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public long KeyOfUtcTicks(long utcTicks)
    {
        if (_period == PurchasePeriod.Transaction)
        {
            return utcTicks;
        }

        if (_zone is not null)
        {
            return KeyInZone(utcTicks);
        }

        return _period == PurchasePeriod.Day ? utcTicks / TimeSpan.TicksPerDay : utcTicks / TicksPerWeek;
    }

    private long KeyInZone(long utcTicks) => KeyOf(new DateTimeOffset(utcTicks, TimeSpan.Zero));

    /// <summary>The start of period <paramref name="key"/> on the ticks scale used for durations.</summary>
    public long StartOf(long key) => _period switch
    {
        PurchasePeriod.Transaction => key,
        PurchasePeriod.Day => key * TimeSpan.TicksPerDay,
        _ => key * TicksPerWeek,
    };
}
