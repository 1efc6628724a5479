using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class InstantBitsTests
{
    [Fact]
    public void Make_AnyValidTime_EqualsTheConstructorsValueExactly()
    {
        Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Int[-840, 840]).Sample(
            (localTicks, minutes) =>
            {
                long utc = localTicks - (minutes * TimeSpan.TicksPerMinute);
                if (utc < 0 || utc > DateTime.MaxValue.Ticks)
                {
                    return;
                }

                var expected = new DateTimeOffset(localTicks, TimeSpan.FromMinutes(minutes));
                DateTimeOffset actual = InstantBits.Make(expected.UtcTicks, expected.TotalOffsetMinutes);
                actual.EqualsExact(expected).Should().BeTrue($"{expected:O} was rebuilt as {actual:O}");
                actual.DateTime.Should().Be(expected.DateTime);
                actual.DateTime.Kind.Should().Be(expected.DateTime.Kind);
                actual.UtcDateTime.Kind.Should().Be(DateTimeKind.Utc);
                actual.GetHashCode().Should().Be(expected.GetHashCode());
            },
            iter: 50_000);
    }

    [Fact]
    public void IsLayoutKnown_OnTheTargetRuntime_True()
    {
        // Not a correctness matter (the constructor path gives the same values), but the batch builder's speed
        // depends on it: a runtime that lays DateTimeOffset out differently should be noticed here.
        InstantBits.IsLayoutKnown.Should().BeTrue();
    }

    [Fact]
    public void Make_Extremes_EqualMinAndMaxValue()
    {
        InstantBits.Make(0, 0).EqualsExact(DateTimeOffset.MinValue).Should().BeTrue();
        InstantBits.Make(DateTimeOffset.MaxValue.UtcTicks, 0).EqualsExact(DateTimeOffset.MaxValue).Should().BeTrue();
    }
}
