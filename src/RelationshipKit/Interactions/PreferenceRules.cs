namespace RelationshipKit.Interactions;

/// <summary>Shared argument checks of the preference stores.</summary>
internal static class PreferenceRules
{
    public static void CheckCustomer(CustomerId customerId)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }
    }

    public static void CheckSource(string? source, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ArgumentException("The source (how the change was made) is missing or white space.", parameterName);
        }

        if (Internal.TextRules.Check(source, ConsentRecord.MaxSourceLength, allowControl: false) is { } problem)
        {
            throw new ArgumentException($"The source {problem}.", parameterName);
        }
    }

    public static void CheckTimeZone(string? timeZoneId, string parameterName)
    {
        if (timeZoneId is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(timeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new ArgumentException($"'{timeZoneId}' is not a time zone known to this machine (use an IANA or Windows id).", parameterName);
        }
    }

    public static Channel[] CheckChannels(IReadOnlyList<Channel> channels, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(channels, parameterName);
        var result = new Channel[channels.Count];
        for (int i = 0; i < channels.Count; i++)
        {
            if (channels[i].IsEmpty)
            {
                throw new ArgumentException($"The channel at position {i} is the default value.", parameterName);
            }

            for (int j = 0; j < i; j++)
            {
                if (result[j] == channels[i])
                {
                    throw new ArgumentException($"The channel '{channels[i]}' is listed twice.", parameterName);
                }
            }

            result[i] = channels[i];
        }

        return result;
    }
}
