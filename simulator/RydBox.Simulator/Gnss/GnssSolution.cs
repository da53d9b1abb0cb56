using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Gnss;

/// <summary>What the receiver states at one epoch, with the truth it was computed from.</summary>
public sealed record GnssSolution
{
    /// <summary>Simulation time of the epoch, ms.</summary>
    public long TimeMilliseconds { get; init; }

    /// <summary>The receiver knows UTC (from its first fix on; its clock keeps it through outages).</summary>
    public bool TimeKnown { get; init; }

    /// <summary>A position is stated; all position, motion and DOP values below are meaningful only then.</summary>
    public bool HasFix { get; init; }

    public double Latitude { get; init; }

    public double Longitude { get; init; }

    /// <summary>Altitude above mean sea level, m.</summary>
    public double AltitudeMetres { get; init; }

    public double SpeedKmh { get; init; }

    /// <summary>Course over ground, degrees from true north; null when the receiver is (nearly) still.</summary>
    public double? CourseDegrees { get; init; }

    public double Hdop { get; init; }

    public double Vdop { get; init; }

    public double Pdop { get; init; }

    /// <summary>Satellites in the solution (0 without fix).</summary>
    public int SatellitesUsed { get; init; }

    /// <summary>PRNs of the satellites used, as many as <see cref="SatellitesUsed"/>.</summary>
    public IReadOnlyList<int> SatelliteIds { get; init; } = [];

    /// <summary>A multipath jump is displacing the position (ground truth for tests).</summary>
    public bool MultipathActive { get; init; }

    /// <summary>The vehicle's true state the solution was computed from.</summary>
    public required VehicleState Truth { get; init; }
}
