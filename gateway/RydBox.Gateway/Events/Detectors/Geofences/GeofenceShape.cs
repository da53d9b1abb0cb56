namespace RydBox.Gateway.Events.Detectors.Geofences;

/// <summary>How a <see cref="Geofence"/> draws its boundary.</summary>
public enum GeofenceShape
{
    /// <summary>A centre and a radius in metres.</summary>
    Circle,

    /// <summary>A simple polygon of at least three vertices.</summary>
    Polygon,
}
