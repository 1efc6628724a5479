namespace RelationshipKit.Loyalty;

/// <summary>
/// Customers who bought <see cref="Product"/> also bought <see cref="Associated"/>: the association rule
/// Product ⇒ Associated with its support, confidence and lift (Agrawal, Imieliński and Swami, 1993; Brin et al., 1997).
/// </summary>
/// <param name="Product">The product bought (the antecedent).</param>
/// <param name="Associated">The product bought with it (the consequent).</param>
/// <param name="Support">Baskets holding both.</param>
/// <param name="Confidence">Support / baskets holding <paramref name="Product"/>, in (0, 1].</param>
/// <param name="Lift">Confidence / (baskets holding <paramref name="Associated"/> / all baskets); above 1 means bought together more often than by chance.</param>
public readonly record struct ProductAssociation(string Product, string Associated, int Support, double Confidence, double Lift);
