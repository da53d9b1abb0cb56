using System.Collections.Immutable;
using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Towing;

/// <summary>Everything <see cref="TowingDetector"/> remembers of a device; round-trips through System.Text.Json.</summary>
public sealed record TowingState
{
    /// <summary>True on, false off, null not known yet (no towing is watched until it is known off).</summary>
    public bool? IgnitionOn { get; init; }

    /// <summary>Ignition is on because the box said so: only the box's IgnitionOff turns it off again.</summary>
    public bool IgnitionOnByBox { get; init; }

    /// <summary>The parked position (freeze rule), established from fixes after ignition off.</summary>
    public ParkedAnchor? Parked { get; init; }

    /// <summary>Consecutive fixes at moving speed.</summary>
    public ImmutableArray<TrackPoint> SpeedRun { get; init; } = [];

    /// <summary>Consecutive fixes beyond the drift radius of the parked position.</summary>
    public ImmutableArray<TrackPoint> DisplacedRun { get; init; } = [];

    /// <summary>Consecutive fixes beyond the drift radius plus the multipath margin.</summary>
    public ImmutableArray<TrackPoint> FarRun { get; init; } = [];

    /// <summary>The box's own tow alarm is on.</summary>
    public bool BoxAlarmActive { get; init; }

    /// <summary>The box's tow alarm runs without an episode yet: since when (an episode the server confirms starts there).</summary>
    public long? BoxAlarmAloneSinceUnixMs { get; init; }

    public long? LastObservationUnixMs { get; init; }

    public Place? LastPlace { get; init; }

    public double LastHdop { get; init; }

    public TowingEpisode? Episode { get; init; }
}
