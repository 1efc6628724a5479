namespace RelationshipKit.Identification;

/// <summary>A change to the customers of a <see cref="CustomerDirectory"/>.</summary>
public enum CustomerEventKind
{
    /// <summary>Customers were merged into one; the others' ids redirect to it.</summary>
    Merged = 0,

    /// <summary>A customer's records were divided; the other parts became customers of their own.</summary>
    Split = 1,
}
