namespace RydBox.Box.Host.Transports;

/// <summary>The adapter could not be reached at all; <see cref="Hint"/> says what to try.</summary>
public sealed class AdapterUnreachableException(string message, string hint, Exception? inner = null)
    : Exception(message, inner)
{
    public string Hint { get; } = hint;
}
