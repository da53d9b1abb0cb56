namespace RydBox.Contract;

/// <summary>The wire format version this library reads and writes.</summary>
public static class WireVersion
{
    public const int Current = 1;
}
