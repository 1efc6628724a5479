namespace RelationshipKit.Loyalty;

/// <summary>A message template could not be parsed: an unknown placeholder, an unclosed brace, an empty name.</summary>
/// <remarks><see cref="Placeholder"/> names the offending placeholder when there is one; <see cref="Position"/> is where the problem starts.</remarks>
public sealed class InvalidTemplateException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InvalidTemplateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a position.</summary>
    /// <param name="message">The message.</param>
    /// <param name="placeholder">The offending placeholder's name, or <see langword="null"/>.</param>
    /// <param name="position">The position in the template text (0-based).</param>
    public InvalidTemplateException(string message, string? placeholder, int position)
        : base(message)
    {
        Placeholder = placeholder;
        Position = position;
    }

    /// <summary>The offending placeholder's name, when there is one.</summary>
    public string? Placeholder { get; }

    /// <summary>Where the problem starts in the template text (0-based).</summary>
    public int Position { get; }
}
