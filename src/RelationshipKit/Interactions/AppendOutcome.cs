namespace RelationshipKit.Interactions;

/// <summary>What happened to one interaction handed to <see cref="IInteractionStore"/>.</summary>
public enum AppendOutcome
{
    /// <summary>The interaction was new and is now stored.</summary>
    Appended = 0,

    /// <summary>An interaction with the same id and the same content was already stored: a replay, stored once.</summary>
    AlreadyAppended = 1,

    /// <summary>
    /// The id belongs to an interaction that was erased (right to be forgotten): nothing was stored, so that a replay
    /// does not bring erased data back.
    /// </summary>
    Erased = 2,
}
