using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class HugePageBufferTests
{
    [Fact]
    public void Allocate_GivesAtLeastTheBytesAskedInWholeTwoMegabyteUnits()
    {
        using var buffer = HugePageBuffer.Allocate(3_000_000);

        buffer.Length.Should().Be((nuint)(4 << 20));
    }

    [Fact]
    public void Slice_KeepsWhatIsWritten()
    {
        using var buffer = HugePageBuffer.Allocate(1000 * sizeof(decimal));
        Span<decimal> amounts = buffer.Slice<decimal>(64, 100);
        for (int i = 0; i < amounts.Length; i++)
        {
            amounts[i] = i / 100m;
        }

        buffer.Slice<decimal>(64, 100).ToArray().Should().Equal(Enumerable.Range(0, 100).Select(i => i / 100m));
    }

    [Fact]
    public void Slice_BeyondTheEnd_Throws()
    {
        using var buffer = HugePageBuffer.Allocate(16);
        Action act = () => buffer.Slice<long>(buffer.Length - 8, 2);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
    }

    [Fact]
    public void Slice_AfterDispose_Throws()
    {
        var buffer = HugePageBuffer.Allocate(16);
        buffer.Dispose();
        Action act = () => buffer.Slice<int>(0, 1);
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Allocate_NegativeSize_Throws()
    {
        Action act = () => HugePageBuffer.Allocate(-1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bytes");
    }
}
