using System.Globalization;
using RelationshipKit.Differentiation.LifetimeValue;
using ScottPlot;

namespace RelationshipKit.Charts;

/// <summary>
/// SVG charts of fitted lifetime-value models, after the diagnostics of Fader, Hardie &amp; Lee (2005) and the
/// lifetimes plotting module: the frequency/recency matrix of expected purchases, the P(alive) matrix, calibration
/// vs holdout purchases, and the in-sample repeat-purchase histogram. Each method returns the SVG document as text.
/// </summary>
/// <remarks>All members are thread-safe (each call draws its own plot).</remarks>
public static class LifetimeValueCharts
{
    /// <summary>A heat map of the expected purchases over <paramref name="horizon"/> of a customer of age <paramref name="age"/> by frequency (rows) and recency (columns).</summary>
    /// <param name="model">The purchase model.</param>
    /// <param name="horizon">The prediction horizon.</param>
    /// <param name="maxFrequency">The highest frequency shown; 1 to 500.</param>
    /// <param name="age">The customer age T in the model's unit; recency runs from 0 to T in 50 steps (whole steps for BG/BB).</param>
    /// <param name="width">The image width in pixels; 100 to 10000.</param>
    /// <param name="height">The image height in pixels; 100 to 10000.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or range is out of bounds.</exception>
    public static string FrequencyRecencyMatrix(ITransactionModel model, Horizon horizon, int maxFrequency, double age, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        double[,] grid = Matrix(model, maxFrequency, age, width, height, (x, tx) => model.ExpectedPurchases(horizon, x, tx, age));
        return Heatmap(grid, $"Expected purchases in the next {Format(horizon.Length)} {horizon.Unit}(s), customers of age {Format(age)} {model.TimeUnit}(s)", model, age, "expected purchases", width, height);
    }

    /// <summary>A heat map of P(alive) of a customer of age <paramref name="age"/> by frequency (rows) and recency (columns).</summary>
    /// <param name="model">The purchase model.</param>
    /// <param name="maxFrequency">The highest frequency shown; 1 to 500.</param>
    /// <param name="age">The customer age T in the model's unit.</param>
    /// <param name="width">The image width in pixels; 100 to 10000.</param>
    /// <param name="height">The image height in pixels; 100 to 10000.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or range is out of bounds.</exception>
    public static string ProbabilityAliveMatrix(ITransactionModel model, int maxFrequency, double age, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        double[,] grid = Matrix(model, maxFrequency, age, width, height, (x, tx) => model.ProbabilityAlive(x, tx, age));
        return Heatmap(grid, $"P(alive), customers of age {Format(age)} {model.TimeUnit}(s)", model, age, "P(alive)", width, height);
    }

    /// <summary>Mean predicted and actual holdout purchases by calibration frequency.</summary>
    /// <param name="evaluation">The holdout evaluation.</param>
    /// <param name="width">The image width in pixels; 100 to 10000.</param>
    /// <param name="height">The image height in pixels; 100 to 10000.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of bounds.</exception>
    public static string CalibrationHoldout(HoldoutEvaluation evaluation, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        CheckSize(width, height);
        var plot = new Plot();
        double[] xs = evaluation.Groups.Select(g => (double)g.Frequency).ToArray();
        ScottPlot.Plottables.Scatter actual = plot.Add.ScatterLine(xs, evaluation.Groups.Select(g => g.MeanActual).ToArray());
        actual.LegendText = "actual";
        actual.MarkerSize = 6;
        ScottPlot.Plottables.Scatter predicted = plot.Add.ScatterLine(xs, evaluation.Groups.Select(g => g.MeanPredicted).ToArray());
        predicted.LegendText = "model";
        predicted.LinePattern = LinePattern.Dashed;
        predicted.MarkerSize = 6;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            evaluation.Groups.Select(g => g.Frequency).ToArray().Select(v => (double)v).ToArray(),
            evaluation.Groups.Select(g => g.AndMore ? $"{g.Frequency}+" : g.Frequency.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Holdout purchases by calibration frequency (MAE {evaluation.MeanAbsoluteError:F3}, r {evaluation.Correlation:F3})"));
        plot.XLabel("purchases in the calibration period");
        plot.YLabel("mean purchases in the holdout period");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>The in-sample fit histogram: actual and expected numbers of customers by number of repeat purchases.</summary>
    /// <param name="bins">The bins from <see cref="ModelEvaluation.EvaluateFrequencyFit(ITransactionModel, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>.</param>
    /// <param name="width">The image width in pixels; 100 to 10000.</param>
    /// <param name="height">The image height in pixels; 100 to 10000.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bins"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of bounds.</exception>
    public static string PeriodTransactions(IReadOnlyList<FrequencyFitBin> bins, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(bins);
        CheckSize(width, height);
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int i = 0; i < bins.Count; i++)
        {
            bars.Add(new Bar { Position = (i * 3) + 0, Value = bins[i].Actual, FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = (i * 3) + 1, Value = bins[i].Expected, FillColor = Colors.Orange });
        }

        plot.Add.Bars(bars);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "actual", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "model", FillColor = Colors.Orange });
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, bins.Count).Select(i => (i * 3) + 0.5).ToArray(),
            bins.Select(b => b.AndMore ? $"{b.RepeatPurchases}+" : b.RepeatPurchases.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title("Customers by number of repeat purchases: actual vs model");
        plot.XLabel("repeat purchases in the calibration period");
        plot.YLabel("customers");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(width, height);
    }

    private static double[,] Matrix(ITransactionModel model, int maxFrequency, double age, int width, int height, Func<double, double, double> cell)
    {
        CheckSize(width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrequency, 500);
        if (!(age > 0) || !double.IsFinite(age))
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, "The age must be finite and positive.");
        }

        bool whole = model is BgBbModel;
        int columns = whole ? (int)age + 1 : 51;
        var grid = new double[maxFrequency + 1, columns];
        for (int x = 0; x <= maxFrequency; x++)
        {
            for (int j = 0; j < columns; j++)
            {
                double tx = whole ? j : age * j / (columns - 1);
                bool possible = x == 0 ? tx == 0 : (!whole || tx >= x) && tx > 0;
                int row = maxFrequency - x;
                grid[row, j] = possible && (!whole || x <= age) ? cell(x, tx) : double.NaN;
            }
        }

        return grid;
    }

    private static string Heatmap(double[,] grid, string title, ITransactionModel model, double age, string legend, int width, int height)
    {
        var plot = new Plot();
        ScottPlot.Plottables.Heatmap map = plot.Add.Heatmap(grid);
        map.Colormap = new ScottPlot.Colormaps.Viridis();

        // One vector rectangle per cell: the default embedded bitmap is scaled up by SVG viewers with smoothing, which
        // blurs the cells into each other and into the impossible (blank) ones.
        map.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        int rows = grid.GetLength(0), columns = grid.GetLength(1);
        // ScottPlot places the centres of the edge cells on the extent: recency 0..T and frequency 0..rows − 1.
        map.Extent = new CoordinateRect(0, age, 0, rows - 1);
        plot.Add.ColorBar(map, Edge.Right).Label = legend;
        int step = Math.Max(1, (int)Math.Ceiling(rows / 20.0));
        double[] ticks = Enumerable.Range(0, rows).Where(v => v % step == 0).Select(v => (double)v).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title(title);
        plot.XLabel($"recency t_x ({model.TimeUnit}s)");
        plot.YLabel("frequency x");
        _ = columns;
        return plot.GetSvgXml(width, height);
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 10000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 10000);
    }

    private static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
