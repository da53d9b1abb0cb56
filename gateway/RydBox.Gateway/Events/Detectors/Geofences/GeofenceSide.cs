namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>Where the vehicle is, as far as the detector has decided, relative to one fence.</summary>
public enum GeofenceSide
{
    /// <summary>No usable fix clear of the boundary yet.</summary>
    Unknown,
    Inside,
    Outside,
}
