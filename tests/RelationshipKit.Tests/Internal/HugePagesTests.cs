using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class HugePagesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1_000)] // too small to hold a whole huge page: nothing is advised
    [InlineData(3_000_000)] // 24 MB: the whole 2 MiB pages inside are advised
    public void Advise_AnyArray_ChangesNoValue_NorWhatIsWrittenAfter(int length)
    {
        long[] array = new long[length];
        for (int i = 0; i < length; i += 97)
        {
            array[i] = i * 3L;
        }

        HugePages.Advise(array);

        int changed = 0;
        for (int i = 0; i < length; i++)
        {
            changed += array[i] == (i % 97 == 0 ? i * 3L : 0) ? 0 : 1;
        }

        changed.Should().Be(0, "the advice changes the page size only");

        if (length > 0)
        {
            array[^1] = -7;
            array[length / 2] = 11;
            array[^1].Should().Be(-7);
            array[length / 2].Should().Be(11);
        }
    }

    [Fact]
    public void Advise_FreshArrayOfReferences_KeepsItZeroed()
    {
        string?[] array = new string?[1_500_000];

        HugePages.Advise(array);

        array.Should().OnlyContain(s => s == null);
        array[1_000_000] = "kept";
        GC.Collect();
        array[1_000_000].Should().Be("kept");
    }
}
