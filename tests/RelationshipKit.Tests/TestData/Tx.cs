namespace RelationshipKit.Tests.TestData;

/// <summary>Short-hands for hand-written transaction logs (days of January 2024, UTC).</summary>
internal static class Tx
{
    public static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A clock in 2026: every log here is in its past.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CustomerId Id(string value) => new(value);

    /// <summary>Midnight UTC of 2024-01-<paramref name="day"/> plus <paramref name="hours"/>.</summary>
    public static DateTimeOffset Day(int day, double hours = 0) => Jan1.AddDays(day - 1).AddHours(hours);

    public static Transaction Buy(string customer, int day, decimal amount, string? orderId = null, double hours = 12) =>
        new(Id(customer), Day(day, hours), amount, orderId);
}
