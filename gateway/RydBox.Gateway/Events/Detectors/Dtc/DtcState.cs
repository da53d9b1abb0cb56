namespace RydBox.Gateway.Events.Detectors.Dtc;

/// <summary>The codes reported set and not cleared since, sorted (ordinal) so equal states serialize alike.</summary>
public sealed record DtcState(IReadOnlyList<string> ActiveCodes)
{
    public static DtcState Initial { get; } = new(Array.Empty<string>());
}
