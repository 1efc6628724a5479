using System.Runtime.CompilerServices;

namespace RelationshipKit.Internal;

/// <summary>
/// One row of a transaction log as the batch summary builder appends it to its bucket, in 16 bytes (a row of the
/// columns takes 36, the builder's former record 24): the time as UTC ticks and offset minutes; the amount as a
/// 32-bit coefficient, scale and sign, which holds any price up to 42,949,672.95 at two decimals, or else the row's
/// position, whose amount <see cref="AmountOf"/> reads from the column; and the customer's slot in its bucket.
/// Moving fewer bytes matters: appending rows to buckets is bound by memory traffic.
/// </summary>
/// <remarks>
/// <para>Layout. <see cref="UtcTicks"/>: the UTC ticks (below 2^62). The second word: bits 0 to 31 the coefficient
/// (or the row), bits 32 to 43 the slot, bits 44 to 54 the offset in minutes plus 1024 (offsets are within ±14 h,
/// ±840 min), and from bit 55 the amount's form (<see cref="AmountForm"/>): scale (5 bits), sign, and whether the
/// amount stays in the column.</para>
/// <para>Two rows with the same <see cref="AmountForm"/>, neither negative nor in the column, have amounts of one
/// sign and scale whose coefficients are <see cref="Coefficient"/>: their exact decimal sum is the sum of the
/// coefficients at that scale, which the builder's fast fold uses.</para>
/// </remarks>
internal readonly struct PackedPurchase
{
    /// <summary>The most slots a bucket may have (12 bits).</summary>
    public const int MaxSlots = 1 << 12;

    /// <summary>The bit of <see cref="AmountForm"/> set for a negative amount.</summary>
    public const int NegativeForm = 1 << 5;

    /// <summary>The bit of <see cref="AmountForm"/> set when the amount is read from the column.</summary>
    public const int InColumnForm = 1 << 6;

    private const int SlotShift = 32;
    private const int OffsetShift = 44;
    private const int FormShift = 55;
    private const int OffsetBias = 1024;
    private const ulong CoefficientMask = 0xFFFF_FFFF;

    private readonly ulong _ticks;
    private readonly ulong _word;

    /// <summary>Packs one row.</summary>
    /// <param name="at">The time.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="row">The row's position in the columns (kept when the amount does not fit).</param>
    /// <param name="slot">The customer's slot, below <see cref="MaxSlots"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PackedPurchase(in DateTimeOffset at, in decimal amount, int row, int slot)
    {
        _ticks = (ulong)at.UtcTicks;
        ulong word = ((ulong)(uint)slot << SlotShift) | ((ulong)(uint)(at.TotalOffsetMinutes + OffsetBias) << OffsetShift);
        if (DecimalArithmetic.TryDecompose(amount, out bool negative, out int scale, out ulong coefficient) && coefficient <= CoefficientMask)
        {
            word |= coefficient | ((ulong)(uint)(scale | (negative ? NegativeForm : 0)) << FormShift);
        }
        else
        {
            word |= (uint)row | ((ulong)InColumnForm << FormShift);
        }

        _word = word;
    }

    /// <summary>Packs one row from its parts, as the other constructor would pack them.</summary>
    /// <param name="utcTicks">The time's UTC ticks.</param>
    /// <param name="offsetMinutes">The time's offset in minutes.</param>
    /// <param name="amountForm">The amount's form (<see cref="FormOf"/> of its decimal flags), without <see cref="InColumnForm"/>.</param>
    /// <param name="coefficient">The amount's coefficient.</param>
    /// <param name="slot">The customer's slot, below <see cref="MaxSlots"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PackedPurchase(long utcTicks, int offsetMinutes, int amountForm, uint coefficient, int slot)
    {
        _ticks = (ulong)utcTicks;
        _word = coefficient
            | ((ulong)(uint)slot << SlotShift)
            | ((ulong)(uint)(offsetMinutes + OffsetBias) << OffsetShift)
            | ((ulong)(uint)amountForm << FormShift);
    }

    /// <summary>The amount form (scale and <see cref="NegativeForm"/>) of a decimal's flags (scale in bits 16 to 23, sign in bit 31).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormOf(int decimalFlags) => ((decimalFlags >> 16) & 0x1F) | (int)(((uint)decimalFlags >> 26) & NegativeForm);

    /// <summary>The time in UTC ticks.</summary>
    public long UtcTicks => (long)_ticks;

    /// <summary>The customer's slot in its bucket.</summary>
    public int Slot => (int)(_word >> SlotShift) & (MaxSlots - 1);

    /// <summary>The offset of the time, in minutes plus 1024 (so it orders as the offset does).</summary>
    public int BiasedOffset => (int)(_word >> OffsetShift) & 0x7FF;

    /// <summary>Scale (bits 0 to 4), <see cref="NegativeForm"/> and <see cref="InColumnForm"/>.</summary>
    public int AmountForm => (int)(_word >> FormShift);

    /// <summary>The amount's coefficient, when <see cref="AmountForm"/> has no <see cref="InColumnForm"/>.</summary>
    public uint Coefficient => (uint)_word;

    /// <summary>The time, as given (instant and offset).</summary>
    public DateTimeOffset At => InstantBits.Make(UtcTicks, BiasedOffset - OffsetBias);

    /// <summary>The time of a <see cref="BiasedOffset"/> and UTC ticks, as given.</summary>
    public static DateTimeOffset TimeOf(long utcTicks, int biasedOffset) => InstantBits.Make(utcTicks, biasedOffset - OffsetBias);

    /// <summary>The flags of a decimal (scale and sign) of an amount form without <see cref="InColumnForm"/>.</summary>
    public static int DecimalFlags(int amountForm) => ((amountForm & 0x1F) << 16) | ((amountForm & NegativeForm) != 0 ? int.MinValue : 0);

    /// <summary>The amount, bit for bit as in <paramref name="amounts"/> (scale, sign and trailing zeros included).</summary>
    public decimal AmountOf(ReadOnlySpan<decimal> amounts)
    {
        int form = AmountForm;
        return (form & InColumnForm) != 0
            ? amounts[(int)Coefficient]
            : new decimal((int)Coefficient, 0, 0, (form & NegativeForm) != 0, (byte)(form & 0x1F));
    }
}
