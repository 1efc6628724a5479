namespace RelationshipKit.Identification;

/// <summary>A host's decision about a pair of records.</summary>
public enum MatchOverrideKind
{
    /// <summary>The records are the same person, whatever the score (trusted-id protection is bypassed; never-match still wins).</summary>
    AlwaysMatch = 0,

    /// <summary>The records are different people: they never end in one customer.</summary>
    NeverMatch = 1,
}
