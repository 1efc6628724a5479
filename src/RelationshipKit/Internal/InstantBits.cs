using System.Runtime.CompilerServices;

namespace RelationshipKit.Internal;

/// <summary>
/// Rebuilds a <see cref="DateTimeOffset"/> from its UTC ticks and offset minutes, as the runtime's constructor would
/// build it, without the constructor's range checks (the parts come from a valid value).
/// </summary>
/// <remarks>
/// A <see cref="DateTimeOffset"/> holds the UTC instant as a <see cref="DateTime"/> of unspecified kind (its raw
/// 64 bits are then the UTC ticks) and the offset in minutes as a 32-bit number (in .NET 10 the offset comes first,
/// the instant at byte 8). The layout is checked once against
/// values the constructor built; if a runtime ever lays the type out differently, every call takes the constructor.
/// </remarks>
internal static class InstantBits
{
    private static readonly bool LayoutKnown = CheckLayout();

    /// <summary>Whether values are rebuilt from their bits (<see langword="false"/>: by the constructor, slower).</summary>
    public static bool IsLayoutKnown => LayoutKnown;

    /// <summary>The value with UTC ticks <paramref name="utcTicks"/> and offset <paramref name="offsetMinutes"/> minutes (both from a valid value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset Make(long utcTicks, int offsetMinutes)
    {
        if (LayoutKnown)
        {
            DateTimeOffset result = default;
            ref Bits bits = ref Unsafe.As<DateTimeOffset, Bits>(ref result);
            bits.DateData = (ulong)utcTicks;
            bits.OffsetMinutes = offsetMinutes;
            return result;
        }

        return Construct(utcTicks, offsetMinutes);
    }

    private static DateTimeOffset Construct(long utcTicks, int offsetMinutes) =>
        new(utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(offsetMinutes));

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<DateTimeOffset>() != Unsafe.SizeOf<Bits>())
        {
            return false;
        }

        DateTimeOffset[] probes =
        [
            new(2001, 2, 3, 4, 5, 6, TimeSpan.FromMinutes(-330)),
            new(2024, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(840)),
            new(1999, 7, 1, 0, 0, 0, TimeSpan.Zero),
        ];
        foreach (DateTimeOffset probe in probes)
        {
            DateTimeOffset copy = probe;
            ref readonly Bits bits = ref Unsafe.As<DateTimeOffset, Bits>(ref copy);
            if (bits.DateData != (ulong)probe.UtcTicks || bits.OffsetMinutes != probe.TotalOffsetMinutes)
            {
                return false;
            }

            DateTimeOffset rebuilt = default;
            ref Bits target = ref Unsafe.As<DateTimeOffset, Bits>(ref rebuilt);
            target.DateData = (ulong)probe.UtcTicks;
            target.OffsetMinutes = probe.TotalOffsetMinutes;
            if (!rebuilt.EqualsExact(probe) || rebuilt.DateTime.Kind != probe.DateTime.Kind || rebuilt.UtcDateTime.Kind != DateTimeKind.Utc)
            {
                return false;
            }
        }

        return true;
    }

    // The layout of .NET 10 (DateTimeOffset is auto-laid-out: the 32-bit offset first, the DateTime at byte 8).
    private struct Bits
    {
        public int OffsetMinutes;
        public int Padding;
        public ulong DateData;
    }
}
