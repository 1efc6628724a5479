namespace RelationshipKit.Interactions;

/// <summary>What an NDJSON import did: counts per outcome and every rejected line.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class InteractionImportResult
{
    private readonly InteractionImportError[] _errors;

    internal InteractionImportResult(long linesRead, long appended, long alreadyAppended, long erased, InteractionImportError[] errors)
    {
        LinesRead = linesRead;
        Appended = appended;
        AlreadyAppended = alreadyAppended;
        Erased = erased;
        _errors = errors;
    }

    /// <summary>How many lines were read, blank ones included.</summary>
    public long LinesRead { get; }

    /// <summary>How many interactions were new and stored.</summary>
    public long Appended { get; }

    /// <summary>How many were already stored with the same content (replays).</summary>
    public long AlreadyAppended { get; }

    /// <summary>How many were refused because their ids belong to erased data.</summary>
    public long Erased { get; }

    /// <summary>Every rejected line, in line order.</summary>
    public IReadOnlyList<InteractionImportError> Errors => _errors;

    /// <summary>Whether any line was rejected.</summary>
    public bool HasErrors => _errors.Length > 0;
}
