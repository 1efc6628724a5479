using System.Globalization;

namespace RelationshipKit.Loyalty;

/// <summary>
/// The loyalty ladder (Christopher, Payne and Ballantyne, <i>Relationship Marketing</i>, 1991): prospect, purchaser,
/// client, supporter, advocate, partner. The lower rungs come from purchases; the upper rungs from behaviour in the
/// interaction history (positive opinions, referrals, co-creation or a partnership), never from spend alone.
/// </summary>
/// <remarks>
/// <para>Rules, in order (the first that holds decides):</para>
/// <list type="number">
/// <item><c>partner</c>: a client flagged as partner by the host, or with at least
/// <see cref="LoyaltyLadderOptions.PartnerMinimumCoCreations"/> co-creations;</item>
/// <item><c>advocate</c>: a client with at least <see cref="LoyaltyLadderOptions.AdvocateMinimumReferrals"/> referrals;</item>
/// <item><c>supporter</c>: a client with at least <see cref="LoyaltyLadderOptions.SupporterMinimumPositiveOpinions"/> positive opinions;</item>
/// <item><c>client</c>: at least <see cref="LoyaltyLadderOptions.ClientMinimumPurchases"/> purchase periods;</item>
/// <item><c>purchaser</c>: at least one purchase;</item>
/// <item>otherwise <c>prospect</c>.</item>
/// </list>
/// <para>With <see cref="LoyaltyLadderOptions.OpenComplaintBlocksUpperRungs"/>, rules 1 to 3 need no open complaint.</para>
/// </remarks>
public static class LoyaltyLadder
{
    /// <summary>The model's name: <c>loyaltyLadder</c>.</summary>
    public const string ModelName = "loyaltyLadder";

    /// <summary>Not yet a customer.</summary>
    public static Stage Prospect { get; } = new("prospect");

    /// <summary>Has bought once.</summary>
    public static Stage Purchaser { get; } = new("purchaser");

    /// <summary>Buys again (a repeat customer).</summary>
    public static Stage Client { get; } = new("client");

    /// <summary>A client who likes the company and says so (positive opinions).</summary>
    public static Stage Supporter { get; } = new("supporter");

    /// <summary>A client who recommends the company to others (referrals).</summary>
    public static Stage Advocate { get; } = new("advocate");

    /// <summary>A client who works with the company (co-creation, a partnership).</summary>
    public static Stage Partner { get; } = new("partner");

    /// <summary>Builds the ladder with the given thresholds.</summary>
    /// <param name="options">The thresholds (read once); defaults when <see langword="null"/>.</param>
    /// <returns>The model, named <see cref="ModelName"/>.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public static StageModel Create(LoyaltyLadderOptions? options = null)
    {
        options ??= new LoyaltyLadderOptions();
        options.ThrowIfInvalid();
        int client = options.ClientMinimumPurchases;
        int opinions = options.SupporterMinimumPositiveOpinions;
        int referrals = options.AdvocateMinimumReferrals;
        int coCreations = options.PartnerMinimumCoCreations;
        bool block = options.OpenComplaintBlocksUpperRungs;
        string unblocked = block ? ", no open complaint" : string.Empty;
        CultureInfo c = CultureInfo.InvariantCulture;
        var builder = new StageModelBuilder(ModelName);
        builder.Stage(Prospect.Name, "Not yet a customer");
        builder.Stage(Purchaser.Name, "Has bought once");
        builder.Stage(Client.Name, "Buys again");
        builder.Stage(Supporter.Name, "Likes the company and says so");
        builder.Stage(Advocate.Name, "Recommends the company to others");
        builder.Stage(Partner.Name, "Works with the company: co-creation or a partnership");
        return builder
            .Stage(Partner.Name)
                .When((in s, in _) => s.PurchaseCount >= client && (!block || s.OpenComplaints == 0) && (s.IsPartner || s.CoCreations >= coCreations), string.Create(c, $"client flagged as partner or with {coCreations}+ co-creations{unblocked}"))
            .Stage(Advocate.Name)
                .When((in s, in _) => s.PurchaseCount >= client && (!block || s.OpenComplaints == 0) && s.Referrals >= referrals, string.Create(c, $"client with {referrals}+ referrals{unblocked}"))
            .Stage(Supporter.Name)
                .When((in s, in _) => s.PurchaseCount >= client && (!block || s.OpenComplaints == 0) && s.PositiveOpinions >= opinions, string.Create(c, $"client with {opinions}+ positive opinions{unblocked}"))
            .Stage(Client.Name)
                .When((in s, in _) => s.PurchaseCount >= client, string.Create(c, $"{client}+ purchase periods"))
            .Stage(Purchaser.Name)
                .When((in s, in _) => s.PurchaseCount >= 1, "first purchase made")
            .Otherwise(Prospect.Name, "no purchase yet")
            .Build();
    }
}
