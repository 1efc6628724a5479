namespace RelationshipKit.Benchmarks;

/// <summary>
/// Sizes shared by every benchmark. CI runs <c>--smoke</c>, which sets <c>RELKIT_BENCH_SMOKE=1</c>: every benchmark
/// then swaps its real size for a tiny one, so that the whole suite proves it runs in seconds.
/// </summary>
internal static class BenchmarkSizes
{
    /// <summary>The customer count every benchmark uses in a smoke run, whatever its [Params] say.</summary>
    public const int SmokeCustomers = 500;

    /// <summary>Whether this is a smoke run (<c>RELKIT_BENCH_SMOKE=1</c>).</summary>
    public static bool Smoke => Environment.GetEnvironmentVariable("RELKIT_BENCH_SMOKE") == "1";

    /// <summary>The customer count to use for a benchmark parameterised with <paramref name="customers"/>.</summary>
    public static int Customers(int customers) => Smoke ? Math.Min(customers, SmokeCustomers) : customers;
}
