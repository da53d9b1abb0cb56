namespace RydBox.Simulator.Routes;

/// <summary>A GPX file that cannot become a route; the message names the line and element.</summary>
public sealed class GpxFormatException : FormatException
{
    public GpxFormatException(string message, int? lineNumber = null, int? linePosition = null, Exception? inner = null)
        : base(lineNumber is { } line ? $"GPX line {line}, position {linePosition}: {message}" : $"GPX: {message}", inner)
    {
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    /// <summary>1-based line of the offending element, when one is to blame.</summary>
    public int? LineNumber { get; }

    public int? LinePosition { get; }
}
