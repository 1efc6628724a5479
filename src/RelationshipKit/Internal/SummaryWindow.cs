using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>Checks and converts a calibration end and an optional observation end to period keys.</summary>
internal static class SummaryWindow
{
    public static (long CalibrationKey, long? ObservationKey) Resolve(in Periodizer periodizer, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd)
    {
        if (calibrationEnd == default)
        {
            throw new ArgumentException("The calibration end must be set; it is the default value (0001-01-01).", nameof(calibrationEnd));
        }

        long calibrationKey = periodizer.KeyOf(calibrationEnd);
        if (observationEnd is not { } obs)
        {
            return (calibrationKey, null);
        }

        long observationKey = periodizer.KeyOf(obs);
        if (observationKey <= calibrationKey)
        {
            throw new ArgumentException(
                $"The observation end ({obs:O}) must fall in a later {periodizer.Period.ToString().ToLowerInvariant()} than the calibration end ({calibrationEnd:O}).",
                nameof(observationEnd));
        }

        return (calibrationKey, observationKey);
    }
}
