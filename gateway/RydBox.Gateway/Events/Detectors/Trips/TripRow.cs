using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>What a trip remembers of its previous telemetry row to measure the next segment.</summary>
/// <param name="SpeedKmh">OBD speed, else GNSS speed; null when the row read neither.</param>
public sealed record TripRow(long UnixMs, Place? Position, double? SpeedKmh);

/// <summary>An odometer reading and the trip's measured distance at that moment.</summary>
public sealed record OdometerMark(double OdometerKm, double MeasuredKm);

/// <summary>A reading of a rate (MAF) at a moment, to integrate with the next one.</summary>
public sealed record RateReading(long UnixMs, double Value);
