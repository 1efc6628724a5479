namespace RelationshipKit.Tests.TestData;

/// <summary>Locates the repository (the folder holding RelationshipKit.sln) from the test binaries.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RelationshipKit.sln not found above {AppContext.BaseDirectory}; the convention tests read the sources.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The folder of the core library's sources.</summary>
    public static string CoreSources => Path.Combine(Root, "src", "RelationshipKit");
}
