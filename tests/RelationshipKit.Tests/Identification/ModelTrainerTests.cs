using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class ModelTrainerTests
{
    [Fact]
    public void Em_SyntheticPatternsWithKnownParameters_RecoversM()
    {
        // Three comparisons with levels 1 (agree), 2 (partial), 3 (else); matches are 10% of pairs.
        double[][] mTrue = [[double.NaN, 0.85, 0.10, 0.05], [double.NaN, 0.70, 0.20, 0.10], [double.NaN, 0.90, 0.05, 0.05]];
        double[][] u = [[double.NaN, 0.02, 0.08, 0.90], [double.NaN, 0.05, 0.15, 0.80], [double.NaN, 0.01, 0.04, 0.95]];
        const double lambda = 0.1;
        var random = new Random(7);
        var counts = new Dictionary<(int, int, int), double>();
        for (int i = 0; i < 200_000; i++)
        {
            double[][] p = random.NextDouble() < lambda ? mTrue : u;
            (int, int, int) key = (Draw(p[0]), Draw(p[1]), Draw(p[2]));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var keys = counts.Keys.ToArray();
        byte[,] levels = new byte[keys.Length, 3];
        double[] n = new double[keys.Length];
        for (int g = 0; g < keys.Length; g++)
        {
            (levels[g, 0], levels[g, 1], levels[g, 2]) = ((byte)keys[g].Item1, (byte)keys[g].Item2, (byte)keys[g].Item3);
            n[g] = counts[keys[g]];
        }

        double[][] m0 = [ModelTrainer.StartingM(4), ModelTrainer.StartingM(4), ModelTrainer.StartingM(4)];
        (double[][] m, double estimatedLambda, _, bool converged) = ModelTrainer.Em(levels, n, [true, true, true], u, m0, 500, 1e-7);

        converged.Should().BeTrue();
        estimatedLambda.Should().BeApproximately(lambda, 0.01);
        for (int c = 0; c < 3; c++)
        {
            for (int l = 1; l < 4; l++)
            {
                m[c][l].Should().BeApproximately(mTrue[c][l], 0.02, $"comparison {c} level {l}");
            }
        }

        int Draw(double[] probabilities)
        {
            double x = random.NextDouble();
            for (int l = 1; l < probabilities.Length; l++)
            {
                x -= probabilities[l];
                if (x <= 0)
                {
                    return l;
                }
            }

            return probabilities.Length - 1;
        }
    }

    [Fact]
    public void EstimatePrior_CertainPairsOnly_IsTheirShare()
    {
        double prior = ModelTrainer.EstimatePrior(new long[ModelTrainer.HistogramBins], certainPairs: 10, totalPairs: 1000);
        prior.Should().BeApproximately(0.01, 1e-9);
    }

    [Fact]
    public void EstimatePrior_StrongAndWeakPairs_CountsStrongOnes()
    {
        long[] histogram = new long[ModelTrainer.HistogramBins];
        histogram[ModelTrainer.HistogramBin(40)] = 100;   // overwhelming evidence: matches
        histogram[ModelTrainer.HistogramBin(-20)] = 5000; // strong evidence against: non-matches
        double prior = ModelTrainer.EstimatePrior(histogram, 0, 1_000_000);
        prior.Should().BeApproximately(100.0 / 1_000_000, 1e-6);
    }

    [Fact]
    public void Train_Twice_GivesIdenticalModel()
    {
        var records = SyntheticIdentityGenerator.Generate(2000, 3).Select(s => s.Record).ToList();
        var resolver = new IdentityResolver();
        IdentityModel a = resolver.Train(records);
        IdentityModel b = resolver.Train(Enumerable.Reverse(records));
        a.PriorMatchProbability.Should().Be(b.PriorMatchProbability);
        for (int c = 0; c < a.Comparisons.Count; c++)
        {
            a.Comparisons[c].Levels.Should().Equal(b.Comparisons[c].Levels);
        }
    }
}
