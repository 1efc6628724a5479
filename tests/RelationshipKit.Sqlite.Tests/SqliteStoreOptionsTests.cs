using Microsoft.Extensions.Options;

namespace RelationshipKit.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var o = new SqliteStoreOptions();
        o.DatabasePath.Should().BeEmpty();
        o.Synchronous.Should().Be(SqliteSynchronousMode.Full);
        o.BusyTimeout.Should().Be(TimeSpan.FromSeconds(30));
        o.ScrubOnErase.Should().BeTrue();
    }

    [Theory]
    [InlineData("DatabasePath")]
    [InlineData("Synchronous")]
    [InlineData("BusyTimeout")]
    public void Invalid_ThrowsNamingTheOption(string option)
    {
        var o = new SqliteStoreOptions { DatabasePath = Path.Combine(Path.GetTempPath(), "never-created.db") };
        switch (option)
        {
            case "DatabasePath": o.DatabasePath = "Data Source=x.db;Mode=Memory"; break;
            case "Synchronous": o.Synchronous = (SqliteSynchronousMode)7; break;
            default: o.BusyTimeout = TimeSpan.FromHours(2); break;
        }

        Action act = () => _ = new SqliteContactPreferenceStore(o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*SqliteStoreOptions.{option}*");
    }
}
