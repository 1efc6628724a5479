namespace RelationshipKit.Cli.Infrastructure;

/// <summary>The process exit codes of every verb.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did its work.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected failed (a bug, or the machine: out of memory, disk full).</summary>
    public const int UnexpectedFailure = 1;

    /// <summary>The input or the command line was wrong; the message says where.</summary>
    public const int BadInput = 2;
}
