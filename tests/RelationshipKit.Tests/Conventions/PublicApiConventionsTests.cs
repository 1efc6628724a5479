using System.Reflection;
using System.Text.RegularExpressions;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Conventions;

/// <summary>Checks by reflection (and against the source tree) the rules of docs STYLE.md for the core assembly.</summary>
public sealed partial class PublicApiConventionsTests
{
    private const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    private static readonly Assembly Core = typeof(CustomerSummary).Assembly;

    private static IEnumerable<Type> PublicTypes => Core.GetExportedTypes();

    [Fact]
    public void Assembly_HasPublicTypes()
    {
        // Guards the other conventions against passing vacuously.
        PublicTypes.Should().Contain([typeof(CustomerId), typeof(CustomerSummary), typeof(CustomerSummaryOptions), typeof(Microsoft.Extensions.DependencyInjection.RelationshipKitServiceCollectionExtensions)]);
    }

    [Fact]
    public void PublicClasses_AreSealedStaticOrAbstract()
    {
        PublicTypes
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract) // static classes are abstract and sealed
            .Select(t => t.FullName)
            .Should().BeEmpty("public classes are sealed unless built for inheritance (then abstract)");
    }

    [Fact]
    public void PublicTypes_OtherThanOptions_HaveNoPublicSetters()
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = new List<string>();
        foreach (Type type in PublicTypes.Where(t => !t.Name.EndsWith("Options", StringComparison.Ordinal)))
        {
            foreach (PropertyInfo property in type.GetProperties(Declared))
            {
                MethodInfo? setter = property.SetMethod;
                if (setter is { IsPublic: true })
                {
                    // An init accessor sets a value only while the object is being built, so an instance stays
                    // immutable; positional records use them. A plain set accessor is mutation, and is forbidden.
                    bool isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
                    if (!isInit)
                    {
                        offenders.Add($"{type.FullName}.{property.Name} (set)");
                    }
                }
            }

            offenders.AddRange(type.GetFields(Declared).Where(f => !f.IsInitOnly && !f.IsLiteral && !f.IsSpecialName).Select(f => $"{type.FullName}.{f.Name} (mutable field)"));
        }

        offenders.Should().BeEmpty("only *Options have setters; results and values are immutable (init accessors, which only build an instance, are allowed)");
    }

    // STYLE.md: the AddXxx extension classes (on IServiceCollection or on IRelationshipKitBuilder) live in
    // Microsoft.Extensions.DependencyInjection; nothing else does.
    private static bool IsRegistrationExtensionName(string name) =>
        name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)
        || name.EndsWith("RelationshipKitBuilderExtensions", StringComparison.Ordinal);

    [Fact]
    public void PublicTypes_LiveInRelationshipKitNamespaces()
    {
        PublicTypes
            .Where(t => !(t.Namespace is { } ns && (ns == "RelationshipKit" || ns.StartsWith("RelationshipKit.", StringComparison.Ordinal))))
            .Where(t => !(t.Namespace == DependencyInjectionNamespace && t.IsAbstract && t.IsSealed && IsRegistrationExtensionName(t.Name)))
            .Select(t => t.FullName)
            .Should().BeEmpty("only the AddXxx extension classes live in Microsoft.Extensions.DependencyInjection");
    }

    [Fact]
    public void PublicTypes_LiveInFolderMatchingNamespace()
    {
        var offenders = new List<string>();
        foreach (Type type in PublicTypes.Where(t => t.DeclaringType is null && t.Namespace!.StartsWith("RelationshipKit", StringComparison.Ordinal)))
        {
            string[] folders = type.Namespace!.Split('.').Skip(1).ToArray();
            string name = type.Name.Split('`')[0];
            string expected = Path.Combine([Repository.CoreSources, .. folders, name + ".cs"]);
            if (!File.Exists(expected))
            {
                offenders.Add($"{type.FullName}: expected {Path.GetRelativePath(Repository.Root, expected)}");
            }
            else if (!File.ReadAllText(expected).Contains($"namespace {type.Namespace};", StringComparison.Ordinal))
            {
                offenders.Add($"{type.FullName}: {Path.GetRelativePath(Repository.Root, expected)} does not declare namespace {type.Namespace}");
            }
        }

        offenders.Should().BeEmpty("folder = namespace, one public type per file named after it");
    }

    [Fact]
    public void SourceFiles_DeclareTheNamespaceOfTheirFolder()
    {
        var offenders = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.CoreSources, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Repository.CoreSources, file);
            string top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "obj" or "bin")
            {
                continue;
            }

            string? folder = Path.GetDirectoryName(relative);
            string expected = string.IsNullOrEmpty(folder) ? "RelationshipKit" : "RelationshipKit." + folder.Replace(Path.DirectorySeparatorChar, '.');
            string[] declared = NamespaceDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToArray();
            bool extensionClass = declared.SequenceEqual([DependencyInjectionNamespace]) && IsRegistrationExtensionName(Path.GetFileNameWithoutExtension(file));
            if (!extensionClass && !declared.SequenceEqual([expected]))
            {
                offenders.Add($"{relative}: declares [{string.Join(", ", declared)}], expected {expected}");
            }
        }

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void InternalNamespace_HasNoPublicTypes()
    {
        PublicTypes.Where(t => t.Namespace is { } ns && (ns == "RelationshipKit.Internal" || ns.EndsWith(".Internal", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .Should().BeEmpty();
        Core.GetTypes().Where(t => t.Namespace == "RelationshipKit.Internal").Should().NotBeEmpty("the check above must look at a namespace that exists");
    }

    [Fact]
    public void PublicOptionsClasses_HaveParameterlessConstructorAndSetters()
    {
        foreach (Type options in PublicTypes.Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)))
        {
            options.GetConstructor(Type.EmptyTypes).Should().NotBeNull($"{options.Name} is bound from configuration");
            // Settable, or a mutable collection that configuration binding fills in place (get-only IList/IDictionary).
            options.GetProperties()
                .Where(p => p.SetMethod is not { IsPublic: true } && !IsMutableCollection(p.PropertyType))
                .Select(p => p.Name)
                .Should().BeEmpty($"{options.Name} is a plain options bag");
        }
    }

    private static bool IsMutableCollection(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IList<>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            || type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(Dictionary<,>));

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
