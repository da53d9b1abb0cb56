using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Vehicles;

/// <summary>
/// A virtual vehicle: driver, engine, cooling, battery and position, advanced in fixed
/// <see cref="StepMilliseconds"/> steps so that the same seed and the same calls at the same times
/// give the same states, however often they are read. Thread-safe: scenario calls and sensor reads
/// from ECU and GNSS threads are serialised. Time starts at 0, parked with the ignition off.
/// </summary>
public sealed class SimulatedVehicle
{
    /// <summary>The physics step, ms.</summary>
    public const long StepMilliseconds = 100;

    /// <summary>How far a route may start from the vehicle (the vehicle moves there at once), m.</summary>
    public const double RouteStartToleranceMetres = 5;

    private const double StepSeconds = StepMilliseconds / 1_000.0;

    private readonly object _gate = new();
    private readonly Random _random;
    private readonly DriverOptions _driver;
    private readonly Powertrain _powertrain;
    private readonly ThermalModel _thermal;
    private readonly BatteryModel _battery;
    private readonly double _startFuelLitres;
    private long _time;
    private bool _ignition;
    private EngineMode _engine;
    private long _crankingUntil;
    private RouteFollower? _follower;
    private long? _finishedAt;
    private GeoPoint _position;
    private double _heading;
    private double _speedMs;
    private double _ambient;
    private bool _underRoof;
    private bool _inTunnel;
    private double _fuelUsedLitres;
    private double _odometerKm;
    private double _drainAmps;
    private VehicleState? _state;

    /// <param name="seed">Source of every random choice: the driver's pace, which lights are red, waits.</param>
    /// <param name="position">Where the vehicle is parked.</param>
    public SimulatedVehicle(int seed, GeoPoint position, VehicleProfile? profile = null, VehicleStartConditions? start = null, DriverOptions? driver = null)
    {
        Profile = profile ?? VehicleProfile.PetrolCompact;
        start ??= new VehicleStartConditions();
        _driver = driver ?? new DriverOptions();
        _random = new Random(seed);
        _powertrain = new Powertrain(Profile);
        _thermal = new ThermalModel(Profile.Thermal, start.AmbientCelsius);
        _battery = new BatteryModel(Profile.Battery, start.BatteryStateOfCharge);
        _startFuelLitres = Math.Clamp(start.FuelLevelPercent, 0, 100) / 100 * Profile.TankLitres;
        _position = position;
        _heading = start.HeadingDegrees;
        _ambient = start.AmbientCelsius;
        _underRoof = start.UnderRoof;
        _odometerKm = start.OdometerKm;
        _powertrain.Stop(Atmosphere.BarometricKpa(position.AltitudeMetres));
    }

    public VehicleProfile Profile { get; }

    /// <summary>Simulation time of the current state, ms (a multiple of <see cref="StepMilliseconds"/>).</summary>
    public long TimeMilliseconds
    {
        get { lock (_gate) { return _time; } }
    }

    /// <summary>The state at <see cref="TimeMilliseconds"/>.</summary>
    public VehicleState State
    {
        get { lock (_gate) { return _state ??= Snapshot(); } }
    }

    /// <summary>A drive (not a tow) is under way: the engine may not be stopped until it has finished.</summary>
    public bool IsDriving
    {
        get { lock (_gate) { return _follower is { IsFinished: false, IsTow: false }; } }
    }

    public bool IsBeingTowed
    {
        get { lock (_gate) { return _follower is { IsFinished: false, IsTow: true }; } }
    }

    /// <summary>The latest drive or tow, finished or not; null before the first.</summary>
    public DriveProgress? Progress
    {
        get
        {
            lock (_gate)
            {
                return _follower == null ? null
                    : new DriveProgress(_follower.Route, _follower.DistanceMetres, _follower.IsTow, _follower.SpeedingFactor, _finishedAt);
            }
        }
    }

    /// <summary>
    /// Runs the physics in whole steps up to <paramref name="simulationMilliseconds"/> (rounded down to
    /// a step) and returns the state there. An earlier time changes nothing: time never runs back.
    /// </summary>
    public VehicleState AdvanceTo(long simulationMilliseconds)
    {
        lock (_gate)
        {
            while (_time + StepMilliseconds <= simulationMilliseconds)
            {
                Step();
            }

            return _state ??= Snapshot();
        }
    }

    public void SwitchIgnitionOn() => Change(() => _ignition = true);

    /// <summary>Turns the ignition on if needed and cranks for <see cref="EngineProfile.CrankingMilliseconds"/>; the engine then runs. No effect on a running engine.</summary>
    public void StartEngine() => Change(() =>
    {
        _ignition = true;
        if (_engine == EngineMode.Off)
        {
            _engine = EngineMode.Cranking;
            _crankingUntil = _time + Profile.Engine.CrankingMilliseconds;
        }
    });

    /// <summary>Stops the engine; the ignition stays on.</summary>
    /// <exception cref="InvalidOperationException">A drive is under way.</exception>
    public void StopEngine() => Change(() =>
    {
        RequireStanding("stop the engine");
        _engine = EngineMode.Off;
    });

    /// <summary>Stops the engine if it runs and switches the ignition off.</summary>
    /// <exception cref="InvalidOperationException">A drive is under way.</exception>
    public void SwitchIgnitionOff() => Change(() =>
    {
        RequireStanding("switch the ignition off");
        _engine = EngineMode.Off;
        _ignition = false;
    });

    /// <summary>Ends the day's driving here: engine and ignition off, under a roof (a garage: no GNSS) or in the open.</summary>
    /// <exception cref="InvalidOperationException">A drive or tow is under way.</exception>
    public void Park(bool underRoof = false) => Change(() =>
    {
        RequireStanding("park");
        RequireNotTowed("park");
        _engine = EngineMode.Off;
        _ignition = false;
        _underRoof = underRoof;
    });

    /// <summary>
    /// Drives <paramref name="route"/> from its start (within <see cref="RouteStartToleranceMetres"/>
    /// of the vehicle) to its end, where the vehicle stops with the engine idling. The driver keeps
    /// to limit × <paramref name="speedingFactor"/> (1: obeys the limits; 1.2: 20 % too fast).
    /// Waits while the engine is still cranking.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine is off, or a drive or tow is under way.</exception>
    /// <exception cref="ArgumentException">The route starts elsewhere, or the factor is not positive.</exception>
    public void Drive(Route route, double speedingFactor = 1) => Change(() =>
    {
        if (_engine == EngineMode.Off)
        {
            throw new InvalidOperationException("Start the engine before driving.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedingFactor);
        BeginRoute(route, isTow: false, speedingFactor, i => route.Points[i].SpeedLimitKmh * speedingFactor);
    });

    /// <summary>
    /// Tows the vehicle (ignition off, <see cref="VehicleState.BeingTowed"/>) along <paramref name="path"/>
    /// at up to <paramref name="speedKmh"/> (and the limits), without stops, to its end. The odometer
    /// does not count: the wheels are off the road.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ignition is on, or a drive or tow is under way.</exception>
    /// <exception cref="ArgumentException">The path starts elsewhere, or the speed is not positive.</exception>
    public void Tow(Route path, double speedKmh) => Change(() =>
    {
        if (_ignition)
        {
            throw new InvalidOperationException("Switch the ignition off before towing.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speedKmh);
        BeginRoute(path, isTow: true, 1, i => Math.Min(speedKmh, path.Points[i].SpeedLimitKmh));
    });

    /// <summary>Sets the outside temperature from now on, °C.</summary>
    public void SetAmbient(double celsius) => Change(() => _ambient = celsius);

    /// <summary>
    /// Adds a drain of <paramref name="amps"/> on the battery while the engine is off (a light left
    /// on, a faulty module), on top of the normal quiescent drain, until set again; 0 ends it.
    /// </summary>
    public void DrainBattery(double amps) => Change(() => _drainAmps = Math.Max(0, amps));

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            _state = null;
        }
    }

    private void RequireStanding(string action)
    {
        if (_follower is { IsFinished: false, IsTow: false })
        {
            throw new InvalidOperationException($"Cannot {action} while driving; wait until the drive has finished.");
        }
    }

    private void RequireNotTowed(string action)
    {
        if (_follower is { IsFinished: false, IsTow: true })
        {
            throw new InvalidOperationException($"Cannot {action} while being towed.");
        }
    }

    private void BeginRoute(Route route, bool isTow, double speedingFactor, Func<int, double> cruiseKmh)
    {
        RequireStanding("start another route");
        RequireNotTowed("start another route");
        double gap = GeoMath.DistanceMetres(_position, route.Start);
        if (gap > RouteStartToleranceMetres)
        {
            throw new ArgumentException($"The route starts {gap:F0} m from the vehicle; it must start within {RouteStartToleranceMetres} m.", nameof(route));
        }

        double share = isTow ? 1 : _random.Between(_driver.MinSpeedShare, _driver.MaxSpeedShare);
        var stops = new List<int>();
        var waits = new List<double>();
        for (int i = 1; !isTow && i < route.Points.Count - 1; i++)
        {
            RoutePoint point = route.Points[i];
            if (point.Stop != StopControl.None && _random.NextDouble() < point.StopProbability)
            {
                stops.Add(i);
                waits.Add(point.Stop == StopControl.StopSign
                    ? _random.Between(_driver.MinStopSignWaitSeconds, _driver.MaxStopSignWaitSeconds)
                    : _random.Between(_driver.MinRedLightWaitSeconds, _driver.MaxRedLightWaitSeconds));
            }
        }

        stops.Add(route.Points.Count - 1);
        double braking = isTow ? _driver.TowAccelerationMs2 : Profile.ComfortableBrakingMs2;
        var plan = new SpeedPlan(route, i => cruiseKmh(i) * share, stops.ToHashSet(), braking * _driver.PlanningBrakingShare, _driver);
        _follower = new RouteFollower(route, plan, stops, waits, _driver.SpeedResponseSeconds, isTow, speedingFactor);
        _finishedAt = null;
        _underRoof = false;
        _position = route.Start;
        _speedMs = 0;
    }

    private void Step()
    {
        _time += StepMilliseconds;
        _state = null;
        double barometric = Atmosphere.BarometricKpa(_position.AltitudeMetres);
        double intakeDensity = Atmosphere.DensityKgPerCubicMetre(barometric, _thermal.IntakeCelsius);
        double airDensity = Atmosphere.DensityKgPerCubicMetre(barometric, _ambient);
        if (_engine == EngineMode.Cranking && _time > _crankingUntil)
        {
            _engine = EngineMode.Running;
        }

        double wheelForce = Move(intakeDensity, airDensity);
        switch (_engine)
        {
            case EngineMode.Running:
                _powertrain.Run(_speedMs, wheelForce, _thermal.CoolantCelsius, barometric, intakeDensity);
                break;
            case EngineMode.Cranking:
                _powertrain.Crank(barometric, intakeDensity);
                break;
            default:
                _powertrain.Stop(barometric);
                break;
        }

        bool running = _engine == EngineMode.Running;
        double heat = !running ? 0
            : _powertrain.FrictionPowerWatts
              + Profile.Thermal.CoolantHeatShare * (1 - Profile.Engine.IndicatedEfficiency) * _powertrain.FuelPowerWatts;
        _thermal.Step(StepSeconds, heat, running ? _powertrain.LoadPercent / 100 : 0, _ambient, _speedMs * 3.6);

        if (running)
        {
            _battery.Charge(StepSeconds, _powertrain.Rpm, _powertrain.IdleRpm(_thermal.CoolantCelsius));
        }
        else
        {
            BatteryProfile battery = Profile.Battery;
            double amps = _engine == EngineMode.Cranking ? battery.CrankingAmps
                : (_ignition ? battery.IgnitionOnAmps : battery.ParkedDrainAmps) + _drainAmps;
            _battery.Discharge(StepSeconds, amps, _thermal.IntakeCelsius);
        }

        _fuelUsedLitres += _powertrain.FuelGramsPerSecond * StepSeconds / 1_000 / Profile.Engine.FuelDensityKgPerLitre;
    }

    /// <summary>Moves along the current drive or tow; returns the force the engine must put on the road (0 unless driving).</summary>
    private double Move(double intakeDensity, double airDensity)
    {
        if (_follower is not { IsFinished: false } follower)
        {
            _speedMs = 0;
            _powertrain.SelectGear(0, 0, 0, _time / 1_000.0);
            return 0;
        }

        double wheelForce = 0;
        if (follower.IsTow)
        {
            follower.Step(StepSeconds, _driver.TowAccelerationMs2, _driver.TowAccelerationMs2);
        }
        else if (_engine == EngineMode.Running)
        {
            double grade = follower.Position.Grade;
            double before = follower.SpeedMs;
            double seconds = _time / 1_000.0;
            _powertrain.SelectGear(before, follower.WantedAcceleration(StepSeconds), Available(before, grade, intakeDensity, airDensity), seconds);
            double moved = follower.Step(StepSeconds, Math.Min(Profile.MaxAccelerationMs2, Available(before, grade, intakeDensity, airDensity)), Profile.MaxBrakingMs2);
            double acceleration = (follower.SpeedMs - before) / StepSeconds;
            wheelForce = RoadLoad.TractiveForce(Profile, follower.SpeedMs, acceleration, grade, airDensity);
            _odometerKm += moved / 1_000;
        }

        RoutePosition at = follower.Position;
        _position = at.Position;
        _speedMs = follower.SpeedMs;
        _inTunnel = at.IsTunnel;
        if (_speedMs > 0)
        {
            _heading = at.HeadingDegrees;
        }

        if (follower.IsFinished)
        {
            _finishedAt = _time;
            _inTunnel = false;
        }

        return wheelForce;
    }

    /// <summary>Acceleration the engine can give in the current gear at <paramref name="speedMs"/> on <paramref name="grade"/>, m/s².</summary>
    private double Available(double speedMs, double grade, double intakeDensity, double airDensity) =>
        (_powertrain.MaxTractiveForce(intakeDensity) - RoadLoad.TractiveForce(Profile, speedMs, 0, grade, airDensity)) / Profile.MassKg;

    private VehicleState Snapshot() => new()
    {
        TimeMilliseconds = _time,
        IgnitionOn = _ignition,
        EngineRunning = _engine == EngineMode.Running,
        SpeedKmh = _speedMs * 3.6,
        EngineRpm = _powertrain.Rpm,
        Gear = _powertrain.Gear,
        ThrottlePercent = _powertrain.ThrottlePercent,
        EngineLoadPercent = _powertrain.LoadPercent,
        CoolantCelsius = _thermal.CoolantCelsius,
        OilCelsius = _thermal.OilCelsius,
        IntakeAirCelsius = _thermal.IntakeCelsius,
        AmbientCelsius = _ambient,
        MassAirFlowGramsPerSecond = _powertrain.MassAirFlowGramsPerSecond,
        ManifoldPressureKpa = _powertrain.ManifoldKpa,
        FuelLevelPercent = Math.Max(0, _startFuelLitres - _fuelUsedLitres) / Profile.TankLitres * 100,
        FuelUsedLitres = _fuelUsedLitres,
        OdometerKm = _odometerKm,
        BatteryVolts = _battery.Volts,
        Latitude = _position.Latitude,
        Longitude = _position.Longitude,
        AltitudeMetres = _position.AltitudeMetres,
        HeadingDegrees = _heading,
        SkyVisible = !_underRoof && !_inTunnel,
        BeingTowed = _follower is { IsFinished: false, IsTow: true },
    };
}
