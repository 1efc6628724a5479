using System.Collections.Concurrent;

namespace RelationshipKit.Internal;

/// <summary>
/// The shared rule for the names of kinds, channels and purposes: lower camel case ASCII, a lower-case letter
/// followed by letters and digits, at most <see cref="MaxLength"/> characters.
/// </summary>
internal static class NameRules
{
    public const int MaxLength = 48;

    private const int MaxInterned = 4096;
    private static readonly ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        for (int i = 1; i < name.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(string what, string? name) =>
        name is null
            ? $"A {what} name must not be null."
            : $"'{Truncate(name)}' is not a valid {what} name: use lower camel case ASCII (a lower-case letter, then letters or digits), at most {MaxLength} characters.";

    /// <summary>Returns one shared instance per distinct host-defined name (bounded), so stored values do not repeat the text.</summary>
    public static string Intern(string name)
    {
        if (Interned.TryGetValue(name, out string? shared))
        {
            return shared;
        }

        return Interned.Count < MaxInterned ? Interned.GetOrAdd(name, name) : name;
    }

    public static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
}
