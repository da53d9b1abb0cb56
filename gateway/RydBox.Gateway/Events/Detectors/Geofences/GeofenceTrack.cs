using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>
/// What <see cref="GeofenceDetector"/> remembers about one fence: the decided side and, while fixes
/// clear on the other side are being counted, that run (its length, first time and first position:
/// the transition is dated and placed at the run's first fix).
/// </summary>
public sealed record GeofenceTrack(
    string FenceId,
    GeofenceSide Side,
    int CandidateFixes = 0,
    long? CandidateSinceUnixMs = null,
    Place? CandidatePosition = null);
