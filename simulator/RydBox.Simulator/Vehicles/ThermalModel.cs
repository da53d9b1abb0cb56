namespace RydBox.Simulator.Vehicles;

/// <summary>Coolant, oil and intake air temperatures (see <see cref="ThermalProfile"/>).</summary>
internal sealed class ThermalModel(ThermalProfile profile, double startCelsius)
{
    public double CoolantCelsius { get; private set; } = startCelsius;

    public double OilCelsius { get; private set; } = startCelsius;

    public double IntakeCelsius { get; private set; } = startCelsius;

    /// <param name="heatWatts">Heat the running engine gives the coolant (0 when off).</param>
    /// <param name="loadShare">Engine load 0..1, for the coolant's and oil's rise above their regulated level.</param>
    public void Step(double dt, double heatWatts, double loadShare, double ambientCelsius, double speedKmh)
    {
        double loss = profile.HeatLossWattsPerKelvin * (CoolantCelsius - ambientCelsius);
        double coolant = CoolantCelsius + (heatWatts - loss) * dt / profile.HeatCapacityJoulesPerKelvin;
        double regulated = profile.ThermostatCelsius + profile.FullLoadRiseKelvin * loadShare;
        if (heatWatts > 0 && coolant > regulated)
        {
            coolant = Math.Max(regulated, Math.Min(coolant, CoolantCelsius) - profile.RadiatorCoolingKelvinPerSecond * dt);
        }

        CoolantCelsius = coolant;
        double oilTarget = CoolantCelsius + (heatWatts > 0 ? profile.OilFullLoadRiseKelvin * loadShare : 0);
        OilCelsius += (oilTarget - OilCelsius) * Math.Min(1, dt / profile.OilLagSeconds);

        double warmth = Math.Clamp((CoolantCelsius - ambientCelsius) / Math.Max(1, profile.ThermostatCelsius - ambientCelsius), 0, 1);
        double airStream = Math.Clamp(speedKmh / profile.IntakeSoakClearedKmh, 0, 1);
        double intakeTarget = ambientCelsius + profile.IntakeHeatSoakKelvin * warmth * (1 - airStream);
        IntakeCelsius += (intakeTarget - IntakeCelsius) * Math.Min(1, dt / profile.IntakeLagSeconds);
    }
}
