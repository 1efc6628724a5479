namespace RelationshipKit.Interactions;

/// <summary>One reason a contact was denied.</summary>
/// <param name="Code">The rule that denied it.</param>
/// <param name="Message">A sentence for people, with the details (which cap, which consent, when and how).</param>
/// <param name="Until">When this reason lapses by itself if nothing else changes (the end of quiet hours, of a cap window, of a cool-down); <see langword="null"/> when only the customer or the host can lift it.</param>
public readonly record struct ContactReason(ContactReasonCode Code, string Message, DateTimeOffset? Until);
