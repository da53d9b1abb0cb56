using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Towing;

/// <summary>A towing episode under way.</summary>
public sealed record TowingEpisode
{
    public required long StartUnixMs { get; init; }

    /// <summary>The parked position it was carried from; null until any position is known.</summary>
    public Place? From { get; init; }

    public ImmutableArray<TrackPoint> Path { get; init; } = [];

    public bool RaisedByBox { get; init; }

    /// <summary>The open episode was emitted (it is, as soon as <see cref="From"/> is known).</summary>
    public bool Emitted { get; init; }

    /// <summary>The last evidence of movement: the end, if it keeps still from now on.</summary>
    public long LastMovedUnixMs { get; init; }

    /// <summary>Where it last moved to.</summary>
    public Place? StillPlace { get; init; }

    public double StillHdop { get; init; }

    /// <summary>Fixes seen during the episode (a box-only episode has none).</summary>
    public int Fixes { get; init; }
}
