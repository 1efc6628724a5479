using System.Diagnostics;
using System.Globalization;
using RelationshipKit.Identification;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Times each phase of batch resolution (normalise, block, train, score, cluster) on N synthetic records, in wall
/// time and process CPU time, with GC counts, so a run on a loaded machine can still say where the time goes
/// (<c>--identification-batch N</c>). The phases are those of <see cref="IdentityResolver.Resolve(IEnumerable{IdentityRecord})"/>.
/// </summary>
internal static class IdentificationBatchProfile
{
    public static int Run(int size)
    {
        List<IdentityRecord> records = [.. SyntheticIdentityGenerator.Generate(size, 42).Select(s => s.Record)];
        var resolver = new IdentityResolver(new IdentificationOptions { MaxDegreeOfParallelism = 2, Normalization = { DefaultCallingCode = "44" } });
        ResolutionEngine engine = resolver.Engine;
        var total = Stopwatch.StartNew();
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        int gc0 = GC.CollectionCount(0), gc2 = GC.CollectionCount(2);
        T Phase<T>(string name, Func<T> work)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            T result = work();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-28} {Stopwatch.GetElapsedTime(start).TotalSeconds,7:0.00} s wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,7:0.00} s CPU"));
            return result;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch resolution of {size:N0} synthetic records, phases:"));
        RecordTable table = Phase("normalise (record table)", () => engine.CreateTable(records));
        BlockingIndex index = Phase("block (index)", () => engine.CreateIndex(table, build: true));
        PairScorer untrained = engine.CreateScorer(table, null);
        IdentityModel draft = Phase("train m, u (EM, sampling)", () => ModelTrainer.Train(untrained, index, engine.Options));
        PairScorer scorer = engine.CreateScorer(table, draft);
        ScorePass pass = Phase("score candidate pairs", () => engine.Score(scorer, index, keepWeight: 0));
        long allPairs = (long)table.Count * (table.Count - 1) / 2;
        IdentityModel model = draft.WithPrior(Phase("estimate prior", () => ModelTrainer.EstimatePrior(pass.Histogram, pass.Certain, allPairs)));
        ResolutionResult result = Phase("resolve end to end (again)", () => resolver.Resolve(records, model));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"candidate pairs {pass.Report.CandidatePairs:N0}, kept {pass.Kept.Count:N0}, customers {result.CustomerCount:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total {total.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.0} s CPU; GCs gen0 {GC.CollectionCount(0) - gc0}, gen2 {GC.CollectionCount(2) - gc2}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        return 0;
    }
}
