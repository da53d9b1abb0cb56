namespace RydBox.Contract;

/// <summary>
/// The one exception the contract's decoders throw, for any input: a reason to count and a
/// message that says what was wrong and where (e.g. "telemetry.columns[2][5]").
/// </summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException(WireError reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public WireFormatException(WireError reason, string message, Exception inner)
        : base(message, inner)
    {
        Reason = reason;
    }

    public WireError Reason { get; }
}
