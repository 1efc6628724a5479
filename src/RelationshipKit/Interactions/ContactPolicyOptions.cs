using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Interactions;

/// <summary>The rules of a <see cref="ContactPolicy"/>.</summary>
/// <remarks>
/// <para>Rules, each of which can deny a contact with its own reason (see <see cref="ContactReasonCode"/>):</para>
/// <list type="bullet">
/// <item>Do-not-contact: a customer who asked not to be contacted is not contacted for any purpose that is not in
/// <see cref="ExemptPurposes"/>.</item>
/// <item>Consent (when <see cref="RequireConsent"/>): the latest consent recorded for the channel and purpose must
/// be a grant, and no <c>campaignUnsubscribed</c> on that channel may follow it. Exempt purposes need no consent.</item>
/// <item>Frequency caps (<see cref="FrequencyCaps"/>): rolling windows over all channels, each channel, or one
/// channel. Exempt purposes are not capped.</item>
/// <item>Quiet hours: from <see cref="QuietHoursStart"/> to <see cref="QuietHoursEnd"/> in the customer's time zone
/// (or <see cref="DefaultTimeZoneId"/>), on the channels in <see cref="QuietHoursChannels"/>, for every purpose.</item>
/// <item>Complaint cool-down: while a complaint is unresolved, no contact for a non-exempt purpose within
/// <see cref="ComplaintCoolDown"/> of the latest complaint.</item>
/// </list>
/// <para>List properties start with their defaults; configuration binding adds to them (clear a list in code to
/// replace it). A plain options bag; not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class ContactPolicyOptions : IValidatableObject
{
    internal const bool DefaultRequireConsent = true;
    internal const string DefaultTimeZone = "UTC";
    internal const int DefaultMinimumSignalsToInferChannel = 2;
    internal static readonly TimeOnly DefaultQuietHoursStart = new(21, 0);
    internal static readonly TimeOnly DefaultQuietHoursEnd = new(8, 0);
    internal static readonly TimeSpan DefaultComplaintCoolDown = TimeSpan.FromDays(30);

    /// <summary>Whether a non-exempt contact needs a consent granted for its channel and purpose.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RequireConsent { get; set; } = DefaultRequireConsent;

    /// <summary>Purposes that need no consent and are not stopped by do-not-contact, frequency caps or the complaint cool-down (quiet hours still apply).</summary>
    /// <value>Default <c>transactional</c> and <c>service</c>.</value>
    public IList<string> ExemptPurposes { get; set; } = [ContactPurpose.Transactional.Name, ContactPurpose.Service.Name];

    /// <summary>The frequency caps; every cap must allow a contact for it to be allowed.</summary>
    /// <value>Default: at most 3 contacts in 7 days over all channels, and at most 1 contact a day on each channel.</value>
    [ValidateEnumeratedItems]
    public IList<FrequencyCapOptions> FrequencyCaps { get; } =
    [
        new FrequencyCapOptions { Scope = FrequencyCapScope.Overall, MaxContacts = 3, Window = TimeSpan.FromDays(7) },
        new FrequencyCapOptions { Scope = FrequencyCapScope.EachChannel, MaxContacts = 1, Window = TimeSpan.FromDays(1) },
    ];

    /// <summary>The local time quiet hours start (inclusive); equal start and end mean no quiet hours.</summary>
    /// <value>Default 21:00.</value>
    public TimeOnly QuietHoursStart { get; set; } = DefaultQuietHoursStart;

    /// <summary>The local time quiet hours end (exclusive); an end before the start spans midnight.</summary>
    /// <value>Default 08:00.</value>
    public TimeOnly QuietHoursEnd { get; set; } = DefaultQuietHoursEnd;

    /// <summary>The channels quiet hours apply to (the intrusive ones).</summary>
    /// <value>Default <c>phone</c>, <c>sms</c>, <c>app</c>, <c>contactCentre</c> and <c>fieldVisit</c>.</value>
    public IList<string> QuietHoursChannels { get; } =
        [Channel.Phone.Name, Channel.Sms.Name, Channel.App.Name, Channel.ContactCentre.Name, Channel.FieldVisit.Name];

    /// <summary>The time zone (IANA or Windows id) of customers who stated none.</summary>
    /// <value>Default <c>"UTC"</c>.</value>
    [Required]
    public string DefaultTimeZoneId { get; set; } = DefaultTimeZone;

    /// <summary>How long after an unresolved complaint non-exempt contacts are held back; zero turns the rule off.</summary>
    /// <value>Default 30 days; zero or more.</value>
    public TimeSpan ComplaintCoolDown { get; set; } = DefaultComplaintCoolDown;

    /// <summary>Kinds of outbound interactions that are not contacts of their own (receipts of an earlier contact) and so are not counted by frequency caps.</summary>
    /// <value>Default <c>campaignDelivered</c>, <c>campaignOpened</c>, <c>campaignClicked</c>, <c>campaignResponded</c> and <c>campaignUnsubscribed</c>.</value>
    public IList<string> UncountedKinds { get; } =
    [
        InteractionKind.CampaignDelivered.Name,
        InteractionKind.CampaignOpened.Name,
        InteractionKind.CampaignClicked.Name,
        InteractionKind.CampaignResponded.Name,
        InteractionKind.CampaignUnsubscribed.Name,
    ];

    /// <summary>
    /// How many customer signals (responses, clicks and inbound interactions) a channel needs before it can be
    /// inferred as the preferred channel of a customer who stated none.
    /// </summary>
    /// <value>Default 2; 1 or more.</value>
    [Range(1, int.MaxValue)]
    public int MinimumSignalsToInferChannel { get; set; } = DefaultMinimumSignalsToInferChannel;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty, includeCaps: false);

    internal List<ValidationResult> Validate(string prefix, bool includeCaps = true)
    {
        var results = new List<ValidationResult>();
        CheckNames(results, prefix, nameof(ExemptPurposes), ExemptPurposes);
        CheckNames(results, prefix, nameof(QuietHoursChannels), QuietHoursChannels);
        CheckNames(results, prefix, nameof(UncountedKinds), UncountedKinds);
        for (int i = 0; includeCaps && i < FrequencyCaps.Count; i++)
        {
            if (FrequencyCaps[i] is null)
            {
                results.Add(new ValidationResult($"{prefix}{nameof(FrequencyCaps)}[{i}] is null.", [nameof(FrequencyCaps)]));
            }
            else
            {
                results.AddRange(FrequencyCaps[i].Validate($"{prefix}{nameof(FrequencyCaps)}[{i}]."));
            }
        }

        if (string.IsNullOrWhiteSpace(DefaultTimeZoneId))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(DefaultTimeZoneId)} must name a time zone.", [nameof(DefaultTimeZoneId)]));
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZoneId, out _))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(DefaultTimeZoneId)} '{DefaultTimeZoneId}' is not a time zone known to this machine.", [nameof(DefaultTimeZoneId)]));
        }

        if (ComplaintCoolDown < TimeSpan.Zero)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(ComplaintCoolDown)} must be zero or more; it is {ComplaintCoolDown}.", [nameof(ComplaintCoolDown)]));
        }

        if (MinimumSignalsToInferChannel < 1)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(MinimumSignalsToInferChannel)} must be 1 or more; it is {MinimumSignalsToInferChannel}.", [nameof(MinimumSignalsToInferChannel)]));
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate(string.Empty);
        if (results.Count > 0)
        {
            throw new OptionsValidationException(
                nameof(ContactPolicyOptions),
                typeof(ContactPolicyOptions),
                results.Select(r => $"{nameof(ContactPolicyOptions)}.{r.ErrorMessage}"));
        }
    }

    private static void CheckNames(List<ValidationResult> results, string prefix, string property, IList<string>? names)
    {
        if (names is null)
        {
            results.Add(new ValidationResult($"{prefix}{property} must not be null.", [property]));
            return;
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (!Internal.NameRules.IsValid(names[i] ?? string.Empty))
            {
                results.Add(new ValidationResult($"{prefix}{property}[{i}] '{names[i]}' is not a valid name (lower camel case ASCII).", [property]));
            }
        }
    }
}
