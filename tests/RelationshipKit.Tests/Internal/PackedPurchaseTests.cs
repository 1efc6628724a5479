using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class PackedPurchaseTests
{
    // Any valid instant with any valid offset (whole minutes within ±14 h).
    private static readonly Gen<DateTimeOffset> AnyTime =
        Gen.Select(Gen.Long[0, DateTimeOffset.MaxValue.UtcTicks], Gen.Int[-840, 840], (ticks, minutes) =>
        {
            var utc = new DateTimeOffset(ticks, TimeSpan.Zero);
            TimeSpan offset = TimeSpan.FromMinutes(minutes);
            long local = ticks + offset.Ticks;
            return local < 0 || local > DateTime.MaxValue.Ticks ? utc : utc.ToOffset(offset);
        });

    [Fact]
    public void Constructor_AnyRow_KeepsTimeAmountAndSlot()
    {
        Gen.Select(AnyTime, Gen.OneOf(DecimalGen.Any, DecimalGen.Price), Gen.Int[0, PackedPurchase.MaxSlots - 1], Gen.Int[0, int.MaxValue]).Sample(
            (at, amount, slot, row) =>
            {
                decimal[] column = new decimal[1];
                column[0] = amount;
                var packed = new PackedPurchase(at, amount, row: 0, slot);
                packed.At.EqualsExact(at).Should().BeTrue($"{at:O} came back as {packed.At:O}");
                packed.UtcTicks.Should().Be(at.UtcTicks);
                packed.Slot.Should().Be(slot);
                DecimalGen.SameBits(packed.AmountOf(column), amount).Should().BeTrue($"{amount} came back as {packed.AmountOf(column)}");
                PackedPurchase.TimeOf(packed.UtcTicks, packed.BiasedOffset).EqualsExact(at).Should().BeTrue();
            },
            iter: 50_000);
    }

    [Fact]
    public void Constructor_AmountBeyond32Bits_ReadFromItsRow()
    {
        decimal large = new(0, 1, 0, false, 2); // 42,949,672.96: coefficient 2^32
        decimal[] column = [1m, 2m, large];
        var packed = new PackedPurchase(DateTimeOffset.UnixEpoch, large, row: 2, slot: 7);
        (packed.AmountForm & PackedPurchase.InColumnForm).Should().NotBe(0);
        DecimalGen.SameBits(packed.AmountOf(column), large).Should().BeTrue();
        packed.Slot.Should().Be(7);
    }

    [Fact]
    public void PartsConstructor_FittingAmounts_SameAsValueConstructor()
    {
        Gen.Select(AnyTime, DecimalGen.Price, Gen.Int[0, PackedPurchase.MaxSlots - 1]).Sample(
            (at, amount, slot) =>
            {
                DecimalArithmetic.TryGetParts(amount, out int flags, out ulong coefficient).Should().BeTrue();
                var fromParts = new PackedPurchase(at.UtcTicks, at.TotalOffsetMinutes, PackedPurchase.FormOf(flags), (uint)coefficient, slot);
                fromParts.Should().Be(new PackedPurchase(at, amount, row: 0, slot));
                fromParts.Coefficient.Should().Be((uint)coefficient);
                PackedPurchase.DecimalFlags(fromParts.AmountForm).Should().Be(flags);
            },
            iter: 20_000);
    }

    [Theory]
    [InlineData("12.34", 2, false)]
    [InlineData("-12.34", 2, true)]
    [InlineData("7", 0, false)]
    [InlineData("-0.000", 3, true)]
    public void FormOf_DecimalFlags_ScaleAndSign(string text, int scale, bool negative)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        int form = PackedPurchase.FormOf(decimal.GetBits(value)[3]);
        (form & 0x1F).Should().Be(scale);
        ((form & PackedPurchase.NegativeForm) != 0).Should().Be(negative);
        (form & PackedPurchase.InColumnForm).Should().Be(0);
    }
}
