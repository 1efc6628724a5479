namespace RelationshipKit.Tests.TestData;

/// <summary>
/// Locates the reference data in ../shared/data relative to the repository root. Where the folder is absent
/// (a user's clone) tests that need it are skipped with the reason; under CI=true it is a failure.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindDataFolder);

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of a file under ../shared/data; skips (or fails under CI) when it is absent.</summary>
    public static string PathOf(string relative)
    {
        string? root = Root.Value;
        string? path = root is null ? null : Path.Combine(root, relative);
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        string reason = $"Reference data '{relative}' not found: expected ../shared/data next to the repository root (searched upwards from {AppContext.BaseDirectory}).";
        if (IsCi)
        {
            throw new InvalidOperationException(reason + " Under CI=true missing reference data is a failure.");
        }

        Assert.Skip(reason);
        return string.Empty;
    }

    private static string? FindDataFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipKit.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
