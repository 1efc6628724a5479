namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>The purchase model a lifetime-value scoring strategy fits.</summary>
public enum TransactionModelKind
{
    /// <summary>BG/NBD (Fader, Hardie &amp; Lee 2005), <see cref="BgNbdModel"/>.</summary>
    BgNbd = 0,

    /// <summary>MBG/NBD (Batislam et al. 2007), <see cref="ModifiedBgNbdModel"/>.</summary>
    ModifiedBgNbd = 1,

    /// <summary>Pareto/NBD (Schmittlein et al. 1987), <see cref="ParetoNbdModel"/>.</summary>
    ParetoNbd = 2,

    /// <summary>BG/BB (Fader, Hardie &amp; Shang 2010), <see cref="BgBbModel"/>; recency and T must be whole periods.</summary>
    BgBb = 3,
}
