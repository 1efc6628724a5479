using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Interactions;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// Today's contact plan: one action per customer who needs one, each asked of the contact policy on the action's
/// channel; when the policy refuses that channel, the best allowed channel it names is taken, and when none is
/// allowed the contact is refused with every reason.
/// </summary>
internal static class ContactPlanner
{
    public static async ValueTask<ContactPlan> PlanAsync(StoreSampleResult result, ContactPolicy policy, IInteractionStore store, DateTimeOffset at, CancellationToken cancellationToken)
    {
        CustomerSummaryTable table = result.Summaries!;
        var plan = new ContactPlan();

        // Customers with a recent complaint, from the store (the contact centre's view).
        var complained = new HashSet<CustomerId>();
        await foreach (Interaction complaint in store.ReadAllAsync(new InteractionQuery(From: at - TimeSpan.FromDays(60), Kind: InteractionKind.Complaint), cancellationToken).ConfigureAwait(false))
        {
            complained.Add(complaint.CustomerId);
        }

        for (int i = 0; i < table.Count; i++)
        {
            CustomerId customer = table.CustomerIds[i];
            CustomerValue rfm = result.RfmValues[i];
            CustomerValue clv = result.ClvValues[i];
            string? tier = result.ClvTiers!.GetTier(clv.Score);
            DateTimeOffset first = table.FirstPurchase[i];
            DateTimeOffset last = table.LastPurchase[i];
            bool mayNeedService = complained.Contains(customer);
            (string Action, string Why, Channel Channel, ContactPurpose Purpose, double Priority)? candidate = null;
            if (at - first <= TimeSpan.FromDays(14) && table.Frequency[i] == 0)
            {
                candidate = ("welcome", "first purchase " + Days(at - first) + " ago", Channel.Email, ContactPurpose.Marketing, 90);
            }
            else if (rfm.Segment is RfmSegments.AtRisk or RfmSegments.CantLoseThem && tier is not null)
            {
                candidate = ("win-back", $"{rfm.Segment}, {tier} by CLV, P(alive) {clv.ProbabilityAlive:F2}", Channel.Email, ContactPurpose.Marketing, 80);
            }
            else if (at - last <= TimeSpan.FromDays(10) && table.Frequency[i] >= 1)
            {
                candidate = ("review request", "repeat purchase " + Days(at - last) + " ago", Channel.Email, ContactPurpose.Survey, 60);
            }
            else if (rfm.Segment == RfmSegments.Champions && at - last <= TimeSpan.FromDays(30))
            {
                candidate = ("thank-you", "Champion, RFM " + rfm.Rfm?.ToCode(), Channel.Email, ContactPurpose.Marketing, 50);
            }

            if (candidate is null && !mayNeedService)
            {
                continue;
            }

            plan.Considered++;
            ContactHistory history = await policy.LoadHistoryAsync(customer, at, cancellationToken).ConfigureAwait(false);
            if (mayNeedService && history.Engagement.OpenComplaintCount > 0)
            {
                candidate = ("service recovery", $"{history.Engagement.OpenComplaintCount} open complaint(s), last {Days(at - history.Engagement.LastComplaintAt!.Value)} ago", Channel.Phone, ContactPurpose.Service, 100);
            }

            if (candidate is not { } c)
            {
                continue;
            }

            double priority = c.Priority + result.PriorityValues[i].Score;
            ContactDecision decision = policy.Decide(history, c.Channel, c.Purpose, at);
            if (decision.IsAllowed)
            {
                plan.Planned.Add(new PlannedContact(customer, c.Action, c.Why, c.Channel, c.Channel, c.Purpose, decision, priority));
            }
            else if (decision.BestChannel is { } best)
            {
                ContactDecision onBest = policy.Decide(history, best, c.Purpose, at);
                plan.Planned.Add(new PlannedContact(customer, c.Action, c.Why, c.Channel, best, c.Purpose, onBest, priority));
            }
            else
            {
                plan.Refused.Add(new RefusedContact(customer, c.Action, c.Why, c.Channel, c.Purpose, decision, priority));
            }
        }

        plan.Planned.Sort((a, b) => b.Priority.CompareTo(a.Priority));
        plan.Refused.Sort((a, b) => b.Priority.CompareTo(a.Priority));
        return plan;
    }

    private static string Days(TimeSpan span) => span.TotalDays < 1 ? "today" : ((int)span.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture) + " d";
}
