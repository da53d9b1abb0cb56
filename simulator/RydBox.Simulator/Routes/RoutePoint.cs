namespace RydBox.Simulator.Routes;

/// <summary>
/// One point of a <see cref="Route"/>. <see cref="SpeedLimitKmh"/> and <see cref="IsTunnel"/> describe
/// the stretch from this point to the next; <see cref="Stop"/> and <see cref="StopProbability"/> what a
/// vehicle meets at this point.
/// </summary>
/// <param name="StopProbability">Chance that a vehicle has to stop here: 1 at a stop sign, the red-light
/// share at a traffic light, 0 without control.</param>
public sealed record RoutePoint(
    GeoPoint Position,
    double SpeedLimitKmh,
    bool IsTunnel = false,
    StopControl Stop = StopControl.None,
    double StopProbability = 0);
