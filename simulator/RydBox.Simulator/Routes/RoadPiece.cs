namespace RydBox.Simulator.Routes;

/// <summary>A stretch of a road being laid out: it runs up to <see cref="EndMetres"/> from the road's start.</summary>
internal readonly record struct RoadPiece(double EndMetres, RoadClass Class, double SpeedLimitKmh, bool IsTunnel = false);
