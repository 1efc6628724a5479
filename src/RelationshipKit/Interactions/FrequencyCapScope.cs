namespace RelationshipKit.Interactions;

/// <summary>Which contacts a <see cref="FrequencyCapOptions"/> counts.</summary>
public enum FrequencyCapScope
{
    /// <summary>All contacts on every channel together.</summary>
    Overall = 0,

    /// <summary>The contacts on each channel separately (one cap per channel, checked for the channel asked about).</summary>
    EachChannel = 1,

    /// <summary>The contacts on the one channel named in <see cref="FrequencyCapOptions.Channel"/>.</summary>
    Channel = 2,
}
