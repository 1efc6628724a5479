namespace RelationshipKit.Tests;

public sealed class CustomerIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData("\u00A0\u2003")]
    public void Constructor_EmptyOrWhiteSpace_ThrowsNamingValue(string value)
    {
        Action act = () => _ = new CustomerId(value);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
        CustomerId.IsValid(value).Should().BeFalse();
        CustomerId.TryCreate(value, out CustomerId id).Should().BeFalse();
        id.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Constructor_TooLong_ThrowsNamingValue()
    {
        string tooLong = new('x', 257);
        Action act = () => _ = new CustomerId(tooLong);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
        act.Should().Throw<ArgumentException>().WithMessage("*256*");
        CustomerId.TryCreate(tooLong, out _).Should().BeFalse();
    }

    [Fact]
    public void Constructor_MaximumLength_Accepted()
    {
        string longest = new('x', 256);
        new CustomerId(longest).Value.Should().Be(longest);
        CustomerId.MaxLength.Should().Be(256);
    }

    [Fact]
    public void Constructor_Null_ThrowsArgumentNull()
    {
        Action act = () => _ = new CustomerId(null!);
        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
        CustomerId.TryCreate(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Constructor_KeepsTextAsGiven()
    {
        var id = new CustomerId(" 42 ");
        id.Value.Should().Be(" 42 ");
        id.ToString().Should().Be(" 42 ");
        id.IsEmpty.Should().BeFalse();
        id.Should().NotBe(new CustomerId("42"), "ids are not trimmed");
    }

    [Fact]
    public void Default_IsEmpty()
    {
        CustomerId id = default;
        id.IsEmpty.Should().BeTrue();
        id.Value.Should().BeEmpty();
        id.ToString().Should().BeEmpty();
        id.Should().Be(default(CustomerId));
        id.GetHashCode().Should().Be(default(CustomerId).GetHashCode());
    }

    [Fact]
    public void Equality_IsOrdinalAndCaseSensitive()
    {
        var a = new CustomerId("abc");
        (a == new CustomerId("abc")).Should().BeTrue();
        a.Equals((object)new CustomerId("abc")).Should().BeTrue();
        a.GetHashCode().Should().Be(new CustomerId("abc").GetHashCode());
        (a == new CustomerId("ABC")).Should().BeFalse();
        (a != new CustomerId("ABC")).Should().BeTrue();

        // Canonically equivalent but differently encoded strings are different ids (ordinal, no normalisation).
        new CustomerId("\u00E9").Should().NotBe(new CustomerId("e\u0301"));
        (a == default).Should().BeFalse();
    }

    [Fact]
    public void Ordering_IsOrdinal()
    {
        // Ordinal: 'B' (66) < 'a' (97) < 'b' (98); a culture-aware comparison would put "a" first.
        var upperB = new CustomerId("B");
        var lowerA = new CustomerId("a");
        var lowerB = new CustomerId("b");
        new[] { lowerB, lowerA, upperB }.Order().Should().Equal(upperB, lowerA, lowerB);
        (upperB < lowerA).Should().BeTrue();
        (lowerA > upperB).Should().BeTrue();
        (lowerA <= new CustomerId("a")).Should().BeTrue();
        (lowerA >= lowerB).Should().BeFalse();
        lowerA.CompareTo(new CustomerId("a")).Should().Be(0);
        new CustomerId("10").CompareTo(new CustomerId("9")).Should().BeNegative("ids are text, not numbers");
        default(CustomerId).CompareTo(lowerA).Should().BeNegative("the empty id sorts first");
    }

    [Fact]
    public void TryCreate_Valid_ReturnsId()
    {
        CustomerId.TryCreate("c-1", out CustomerId id).Should().BeTrue();
        id.Should().Be(new CustomerId("c-1"));
        CustomerId.IsValid("c-1").Should().BeTrue();
    }
}
