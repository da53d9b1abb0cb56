using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>
/// The distance between two consecutive telemetry rows of a trip. GNSS segments are summed where
/// both rows have a fix; a segment that disagrees with the integrated speed by more than the jump
/// tolerance is a multipath jump and the speed is used; rows without a fix (a tunnel) integrate
/// the OBD (else GNSS) speed; standing rows add nothing, so idling drift never piles up; a segment
/// implying an impossible speed adds nothing; across a gap longer than the segment limits the
/// straight line is the best lower bound.
/// </summary>
public static class TripSegments
{
    public static double Metres(TripRow? previous, TripRow current, TripOptions options)
    {
        if (previous is null)
        {
            return 0;
        }

        double seconds = (current.UnixMs - previous.UnixMs) / 1_000.0;
        if (seconds <= 0)
        {
            return 0;
        }

        double? a = previous.SpeedKmh ?? current.SpeedKmh;
        double? b = current.SpeedKmh ?? previous.SpeedKmh;
        if (a is double sa && b is double sb && seconds <= options.MaxSpeedGapSeconds && sa < options.StandingKmh && sb < options.StandingKmh)
        {
            return 0;
        }

        double? bySpeed = a is double va && b is double vb && seconds <= options.MaxSpeedGapSeconds
            ? (va + vb) / 2 / 3.6 * seconds
            : null;
        double? line = previous.Position is Place p && current.Position is Place c ? p.DistanceMetresTo(c) : null;
        if (line is double l && l / seconds * 3.6 > options.MaxPlausibleKmh)
        {
            line = null;
        }

        if (line is double straight && seconds <= options.MaxGnssSegmentSeconds)
        {
            if (bySpeed is double s && Math.Abs(straight - s) > options.JumpToleranceMetres + (options.JumpToleranceFraction * s))
            {
                return s;
            }

            return straight;
        }

        return bySpeed ?? line ?? 0;
    }
}
