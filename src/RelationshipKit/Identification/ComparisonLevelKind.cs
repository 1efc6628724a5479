namespace RelationshipKit.Identification;

/// <summary>The test a <see cref="ComparisonLevel"/> applies to two normalised values.</summary>
public enum ComparisonLevelKind
{
    /// <summary>The normalised values are equal.</summary>
    Exact = 0,

    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4) at least the threshold (0 to 1).</summary>
    JaroWinkler = 1,

    /// <summary>Damerau-Levenshtein distance (insert, delete, substitute, transpose adjacent) at most the threshold (a whole number of edits).</summary>
    DamerauLevenshtein = 2,

    /// <summary>Both values are dates at most the threshold number of days apart.</summary>
    DateWithinDays = 3,

    /// <summary>Both values are dates that are equal once day and month of one are swapped.</summary>
    DayMonthSwapped = 4,

    /// <summary>One value is a single letter (an initial) and the other starts with it.</summary>
    Initials = 5,

    /// <summary>Both values are e-mail addresses with equal local parts (the part before <c>@</c>).</summary>
    EmailLocalPart = 6,

    /// <summary>The values have the same words in another order ("smith john" and "john smith").</summary>
    TokensReordered = 7,
}
