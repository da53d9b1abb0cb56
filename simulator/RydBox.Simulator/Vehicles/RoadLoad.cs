namespace RydBox.Simulator.Vehicles;

/// <summary>The force the wheels must deliver: inertia, rolling resistance, air drag and climbing.</summary>
internal static class RoadLoad
{
    public const double Gravity = 9.81;

    /// <summary>Force at the wheels for <paramref name="acceleration"/> at <paramref name="speedMs"/> on <paramref name="grade"/> (rise over run), N; negative when the brakes or the engine must hold back.</summary>
    public static double TractiveForce(VehicleProfile profile, double speedMs, double acceleration, double grade, double airDensity)
    {
        double cos = 1 / Math.Sqrt(1 + grade * grade);
        double sin = grade * cos;
        double rolling = speedMs > 0 ? profile.RollingResistance * profile.MassKg * Gravity * cos : 0;
        double drag = 0.5 * airDensity * profile.DragAreaSquareMetres * speedMs * speedMs;
        return profile.MassKg * (acceleration + Gravity * sin) + rolling + drag;
    }
}
