namespace RydBox.Simulator.Vehicles;

/// <summary>
/// Gearbox and engine: picks the gear, turns road speed into engine speed, and the torque the road
/// asks for into manifold charge, air flow (MAF), manifold pressure (MAP), throttle, load and fuel.
/// The charge share f (manifold / barometric pressure) is the one state: torque comes from the
/// fuel that f's air burns at the indicated efficiency, minus friction and the pumping loss of
/// drawing air through the closed-down throttle ((barometric − manifold) × displacement / 4π).
/// </summary>
internal sealed class Powertrain(VehicleProfile profile)
{
    private readonly EngineProfile _engine = profile.Engine;
    private double _lastShiftSeconds = double.NegativeInfinity;

    public int Gear { get; private set; }

    public double Rpm { get; private set; }

    public double ThrottlePercent { get; private set; }

    public double LoadPercent { get; private set; }

    public double MassAirFlowGramsPerSecond { get; private set; }

    public double ManifoldKpa { get; private set; }

    public double FuelGramsPerSecond { get; private set; }

    public bool FuelCut { get; private set; }

    /// <summary>Engine speed of <paramref name="gear"/> at road speed <paramref name="speedMs"/> with the clutch closed, rpm.</summary>
    public double GearRpm(double speedMs, int gear) =>
        gear == 0 ? 0 : speedMs / (2 * Math.PI * profile.WheelRadiusMetres) * 60 * profile.GearRatios[gear - 1] * profile.FinalDrive;

    /// <summary>Idle speed for the coolant temperature: cold idle below <see cref="EngineProfile.ColdIdleBelowCelsius"/>, warm above <see cref="EngineProfile.WarmIdleAboveCelsius"/>.</summary>
    public double IdleRpm(double coolantCelsius)
    {
        double cold = Math.Clamp((_engine.WarmIdleAboveCelsius - coolantCelsius) / (_engine.WarmIdleAboveCelsius - _engine.ColdIdleBelowCelsius), 0, 1);
        return _engine.IdleRpm + (_engine.ColdIdleRpm - _engine.IdleRpm) * cold;
    }

    /// <summary>Largest force the engine can put on the road in the current gear, N (0 in neutral).</summary>
    public double MaxTractiveForce(double airDensity)
    {
        int gear = Math.Max(1, Gear);
        return MaxBrakeTorque(airDensity) * profile.GearRatios[gear - 1] * profile.FinalDrive * profile.DrivetrainEfficiency / profile.WheelRadiusMetres;
    }

    /// <summary>
    /// Gear for the coming step. Neutral when standing without wanting to move or rolling slowly
    /// while slowing down; otherwise up- and down-shift points with a least interval between shifts,
    /// a down-shift when the driver wants more than the gear gives (kick-down), and an up-shift
    /// whenever the next step would pass the redline.
    /// </summary>
    public void SelectGear(double speedMs, double wantedAcceleration, double availableAcceleration, double nowSeconds)
    {
        if ((speedMs == 0 && wantedAcceleration <= 0) || (speedMs < profile.ClutchOpenSpeedKmh / 3.6 && wantedAcceleration < 0))
        {
            Gear = 0;
            return;
        }

        int top = profile.GearRatios.Count;
        if (Gear == 0)
        {
            Gear = 1;
            while (Gear < top && GearRpm(speedMs, Gear + 1) >= profile.DownshiftRpm)
            {
                Gear++;
            }

            _lastShiftSeconds = nowSeconds;
            return;
        }

        double rpm = GearRpm(speedMs, Gear);
        bool mayShift = nowSeconds - _lastShiftSeconds >= profile.MinShiftIntervalSeconds;
        double upshiftAt = wantedAcceleration > 0.5 ? profile.AcceleratingUpshiftRpm : profile.UpshiftRpm;
        int gear = Gear;
        if (Gear < top && (rpm > _engine.RedlineRpm * 0.97 || (mayShift && rpm > upshiftAt && GearRpm(speedMs, Gear + 1) >= profile.DownshiftRpm)))
        {
            gear = Gear + 1;
        }
        else if (mayShift && Gear > 1 && rpm < profile.DownshiftRpm)
        {
            gear = Gear - 1;
        }
        else if (mayShift && Gear > 1 && wantedAcceleration > availableAcceleration + 0.2
            && GearRpm(speedMs, Gear - 1) < profile.AcceleratingUpshiftRpm - 300)
        {
            gear = Gear - 1;
        }

        if (gear != Gear)
        {
            Gear = gear;
            _lastShiftSeconds = nowSeconds;
        }
    }

    /// <summary>The engine turns by itself: speed from the gear (idle with the clutch open or slipping), then charge and fuel for <paramref name="wheelForce"/>.</summary>
    public void Run(double speedMs, double wheelForce, double coolantCelsius, double barometricKpa, double airDensity)
    {
        double idle = IdleRpm(coolantCelsius);
        Rpm = Math.Max(idle, GearRpm(speedMs, Gear));
        double omega = Rpm * 2 * Math.PI / 60;
        double wheelTorquePerEngineTorque = Gear == 0 ? 0 : profile.GearRatios[Gear - 1] * profile.FinalDrive / profile.WheelRadiusMetres;
        double roadTorque = Gear == 0 ? 0
            : wheelForce >= 0 ? wheelForce / (wheelTorquePerEngineTorque * profile.DrivetrainEfficiency)
            : wheelForce * profile.DrivetrainEfficiency / wheelTorquePerEngineTorque;
        double brakeTorque = roadTorque + _engine.AccessoryPowerWatts / omega;
        double pumping = PumpingTorqueAtZeroCharge(barometricKpa);
        double charge = (brakeTorque + _engine.FrictionTorqueNm + pumping) / (IndicatedTorqueAtFullCharge(airDensity) + pumping);
        double closed = _engine.ClosedThrottleChargeShare;
        FuelCut = charge < closed && Gear > 0 && wheelForce < 0 && Rpm >= _engine.FuelCutMinRpm;
        charge = Math.Clamp(charge, closed, 1);
        SetAir(charge, barometricKpa, airDensity);
        FuelGramsPerSecond = FuelCut ? 0 : MassAirFlowGramsPerSecond / _engine.StoichiometricAirFuelRatio;
        ThrottlePercent = FuelCut ? 0 : 100 * (charge - closed) / (1 - closed);
        LoadPercent = FuelCut ? 0 : 100 * charge;
    }

    /// <summary>The starter turns the engine: cranking speed, throttle closed, the manifold near atmospheric.</summary>
    public void Crank(double barometricKpa, double airDensity)
    {
        const double CrankingManifoldShare = 0.9;
        Gear = 0;
        Rpm = _engine.CrankingRpm;
        SetAir(CrankingManifoldShare, barometricKpa, airDensity);
        FuelGramsPerSecond = MassAirFlowGramsPerSecond / _engine.StoichiometricAirFuelRatio;
        ThrottlePercent = 0;
        LoadPercent = 0;
        FuelCut = false;
    }

    /// <summary>Engine off: nothing turns, the manifold is at atmospheric pressure.</summary>
    public void Stop(double barometricKpa)
    {
        Gear = 0;
        Rpm = 0;
        ThrottlePercent = 0;
        LoadPercent = 0;
        MassAirFlowGramsPerSecond = 0;
        ManifoldKpa = barometricKpa;
        FuelGramsPerSecond = 0;
        FuelCut = false;
    }

    /// <summary>Chemical power of the fuel burnt, W.</summary>
    public double FuelPowerWatts => FuelGramsPerSecond / 1_000 * _engine.FuelHeatingValueJoulesPerKg;

    /// <summary>Power lost to friction, which ends up as heat in the block, W.</summary>
    public double FrictionPowerWatts => _engine.FrictionTorqueNm * Rpm * 2 * Math.PI / 60;

    private double MaxBrakeTorque(double airDensity) => IndicatedTorqueAtFullCharge(airDensity) - _engine.FrictionTorqueNm;

    /// <summary>Pumping loss with the manifold at vacuum; at charge f it is (1 − f) times this, Nm.</summary>
    private double PumpingTorqueAtZeroCharge(double barometricKpa) => barometricKpa * 1_000 * _engine.DisplacementLitres / 1_000 / (4 * Math.PI);

    /// <summary>Indicated torque with the manifold at barometric pressure: the fuel one cycle's air burns, at the indicated efficiency, over 4π (one cycle is two turns).</summary>
    private double IndicatedTorqueAtFullCharge(double airDensity)
    {
        double airPerCycleKg = airDensity * _engine.DisplacementLitres / 1_000 * _engine.VolumetricEfficiency;
        double fuelEnergy = airPerCycleKg / _engine.StoichiometricAirFuelRatio * _engine.FuelHeatingValueJoulesPerKg;
        return _engine.IndicatedEfficiency * fuelEnergy / (4 * Math.PI);
    }

    private void SetAir(double charge, double barometricKpa, double airDensity)
    {
        ManifoldKpa = charge * barometricKpa;
        double cyclesPerSecond = Rpm / 120;
        MassAirFlowGramsPerSecond = charge * airDensity * _engine.DisplacementLitres / 1_000 * _engine.VolumetricEfficiency * cyclesPerSecond * 1_000;
    }
}
