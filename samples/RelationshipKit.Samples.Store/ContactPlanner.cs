using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// Today's contact plan: for every customer, the segments of one they are in and the next best actions of the
/// library's engine (each channel chosen by the contact policy from the customer's consents and preferences); the
/// best allowed action becomes the day's one contact, with a message from the template of the customer's segment;
/// the actions the policy refused on every channel are kept with their reasons.
/// </summary>
internal static class ContactPlanner
{
    public static async ValueTask<ContactPlan> PlanAsync(
        StoreSampleResult result,
        NextBestActionEngine engine,
        ContactPolicy policy,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        LoyaltyOutcome loyalty = result.Loyalty!;
        TemplateCatalog catalog = ShopSegments.Create();
        var plan = new ContactPlan { Catalog = catalog, CoPurchases = engine.CoPurchases };

        // Each customer's products, from their purchases (for cross-sell).
        var products = new Dictionary<CustomerId, List<string>>();
        foreach (Interaction interaction in result.History!.Interactions)
        {
            if (interaction.Kind == InteractionKind.Purchase && interaction.Attributes.TryGetValue(Catalogue.ProductsAttribute, out string? list))
            {
                if (!products.TryGetValue(interaction.CustomerId, out List<string>? owned))
                {
                    owned = [];
                    products.Add(interaction.CustomerId, owned);
                }

                foreach (string product in list.Split(','))
                {
                    if (!owned.Contains(product))
                    {
                        owned.Add(product);
                    }
                }
            }
        }

        var priority = new Dictionary<CustomerId, double>(result.Summaries!.Count);
        for (int i = 0; i < result.Summaries.Count; i++)
        {
            priority.Add(result.Summaries.CustomerIds[i], result.PriorityValues[i].Score);
        }

        int n = loyalty.Customers.Length;
        plan.Memberships = new SegmentMembership[n];
        for (int i = 0; i < n; i++)
        {
            CustomerId customer = loyalty.Customers[i];
            var context = new LoyaltyContext(at, loyalty.LadderStages[i].Stage, loyalty.LifecycleStages[i].Stage);
            plan.Memberships[i] = catalog.Segments.Evaluate(in loyalty.States[i], in context);
            plan.Considered++;
            ContactHistory history = await policy.LoadHistoryAsync(customer, at, cancellationToken).ConfigureAwait(false);
            NextBestActionResult actions = engine.Decide(in loyalty.States[i], in context, history, products.GetValueOrDefault(customer));
            if (actions.Actions.Count + actions.Refused.Count > 0)
            {
                plan.WithCandidates++;
            }

            if (actions.Best is { } best)
            {
                string message = catalog.Select(plan.Memberships[i]).Render(in loyalty.States[i], loyalty.Profiles[i]);
                plan.Planned.Add(new PlannedContact(customer, Name(best.Kind), best.Reason, best.Decision.Channel, best.Channel!.Value, best.Purpose, best.Decision, best.Score, priority.GetValueOrDefault(customer), message));
            }

            foreach (NextBestAction refused in actions.Refused)
            {
                plan.Refused.Add(new RefusedContact(customer, Name(refused.Kind), refused.Reason, refused.Decision.Channel, refused.Purpose, refused.Decision, refused.Score));
            }
        }

        // The day's contacts by the engine's score, then by the shop's composite priority (CLV twice, spend rate once).
        plan.Planned.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority) : a.Customer.CompareTo(b.Customer));
        plan.Refused.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Customer.CompareTo(b.Customer));
        return plan;
    }

    private static string Name(NextBestActionKind kind) => kind switch
    {
        NextBestActionKind.Welcome => "welcome",
        NextBestActionKind.ThankYou => "thank-you",
        NextBestActionKind.CrossSell => "cross-sell",
        NextBestActionKind.Replenishment => "replenishment",
        NextBestActionKind.Birthday => "birthday",
        NextBestActionKind.WinBack => "win-back",
        NextBestActionKind.ServiceRecovery => "service recovery",
        NextBestActionKind.AskForReview => "ask for a review",
        NextBestActionKind.AskForReferral => "ask for a referral",
        _ => kind.ToString(),
    };
}
