using System.Collections.Immutable;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Towing;

/// <summary>Keeps a path under a point budget: the first and last point stay, every second one between goes.</summary>
public static class PathThinning
{
    public static ImmutableArray<TrackPoint> Append(ImmutableArray<TrackPoint> path, TrackPoint point, int maxPoints, double minSpacingMetres)
    {
        if (path.Length > 0 && path[^1].Position.DistanceMetresTo(point.Position) < minSpacingMetres)
        {
            return path;
        }

        path = path.Add(point);
        return path.Length > Math.Max(2, maxPoints) ? Halve(path) : path;
    }

    private static ImmutableArray<TrackPoint> Halve(ImmutableArray<TrackPoint> path)
    {
        ImmutableArray<TrackPoint>.Builder kept = ImmutableArray.CreateBuilder<TrackPoint>((path.Length / 2) + 2);
        for (int i = 0; i < path.Length - 1; i += 2)
        {
            kept.Add(path[i]);
        }

        kept.Add(path[^1]);
        return kept.ToImmutable();
    }
}
