namespace RydBox.Simulator.Vehicles;

/// <summary>The 12 V system at the OBD port (see <see cref="BatteryProfile"/>).</summary>
internal sealed class BatteryModel(BatteryProfile profile, double stateOfCharge)
{
    private double _surfaceVolts;

    public double StateOfCharge { get; private set; } = Math.Clamp(stateOfCharge, 0, 1);

    public double Volts { get; private set; } = RestingVolts(profile, stateOfCharge);

    /// <summary>Engine running: the alternator holds the charging voltage (sagging a little at idle) and recharges the battery.</summary>
    public void Charge(double dt, double rpm, double idleRpm)
    {
        const double SagFadesOverRpm = 400;
        double amps = profile.MaxChargeAmps * (1 - StateOfCharge);
        StateOfCharge = Math.Min(1, StateOfCharge + amps * dt / (3_600 * profile.CapacityAmpHours));
        _surfaceVolts = profile.SurfaceChargeVolts;
        double sag = profile.IdleChargingSagVolts * Math.Clamp(1 - (rpm - idleRpm) / SagFadesOverRpm, 0, 1);
        Volts = profile.ChargingVolts - sag;
    }

    /// <summary>Engine not running: the battery alone supplies <paramref name="amps"/>; the voltage drops by the current through the internal resistance, more so in the cold.</summary>
    public void Discharge(double dt, double amps, double batteryCelsius)
    {
        StateOfCharge = Math.Max(0, StateOfCharge - amps * dt / (3_600 * profile.CapacityAmpHours));
        _surfaceVolts *= Math.Max(0, 1 - dt / profile.SurfaceChargeFadeSeconds);
        double resistance = profile.InternalResistanceOhms * (1 + profile.ResistanceRisePerKelvinBelow25 * Math.Max(0, 25 - batteryCelsius));
        Volts = RestingVolts(profile, StateOfCharge) + _surfaceVolts - amps * resistance;
    }

    private static double RestingVolts(BatteryProfile profile, double stateOfCharge)
    {
        var table = profile.RestingVoltage;
        if (stateOfCharge <= table[0].StateOfCharge)
        {
            return table[0].Volts;
        }

        for (int i = 1; i < table.Count; i++)
        {
            if (stateOfCharge <= table[i].StateOfCharge)
            {
                var (s0, v0) = table[i - 1];
                var (s1, v1) = table[i];
                return v0 + (v1 - v0) * (stateOfCharge - s0) / (s1 - s0);
            }
        }

        return table[^1].Volts;
    }
}
