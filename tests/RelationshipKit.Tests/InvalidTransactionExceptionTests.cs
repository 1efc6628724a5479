namespace RelationshipKit.Tests;

public sealed class InvalidTransactionExceptionTests
{
    [Fact]
    public void Constructor_FieldMessageIndex_SetsAllThree()
    {
        var ex = new InvalidTransactionException("Amount", "too large", 7);
        ex.FieldName.Should().Be("Amount");
        ex.ParamName.Should().Be("Amount");
        ex.TransactionIndex.Should().Be(7);
        ex.Message.Should().StartWith("too large");
        ex.Should().BeAssignableTo<ArgumentException>("callers that catch ArgumentException also see bad transactions");
    }

    [Fact]
    public void Constructor_Standard_HasUnknownIndex()
    {
        new InvalidTransactionException().TransactionIndex.Should().Be(-1);
        new InvalidTransactionException("m").TransactionIndex.Should().Be(-1);
        var inner = new FormatException();
        var ex = new InvalidTransactionException("m", inner);
        ex.InnerException.Should().BeSameAs(inner);
        ex.FieldName.Should().BeNull();
    }
}
