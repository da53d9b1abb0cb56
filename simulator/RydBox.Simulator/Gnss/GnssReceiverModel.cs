using RydBox.Simulator.Routes;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Gnss;

/// <summary>
/// A GNSS receiver on a vehicle: reads the true state from <see cref="IVehicleSensors"/> and states
/// a noisy solution once per epoch (see <see cref="GnssModelOptions"/> for the error model). It
/// powers on at its first <see cref="Sample"/> and has its first fix after the time to first fix;
/// it loses the fix at once when the sky disappears (tunnel, garage) and regains it a few seconds
/// after the sky returns. Every epoch makes the same random draws whatever the state, so a tunnel
/// does not shift the noise that follows. Thread-safe.
/// </summary>
public sealed class GnssReceiverModel
{
    private const double HdopWanderCorrelationSeconds = 60;
    private const double MinHdop = 0.5;
    private const int PrnCount = 32;

    private readonly object _gate = new();
    private readonly IVehicleSensors _sensors;
    private readonly Random _random;
    private readonly GaussMarkov _north;
    private readonly GaussMarkov _east;
    private readonly GaussMarkov _up;
    private readonly GaussMarkov _hdopWander;
    private readonly int[] _prns;
    private readonly double _firstFixSeconds;
    private int _satellites;
    private long _fixFrom;
    private bool _skyLost;
    private bool _timeKnown;
    private long _multipathLeft;
    private double _multipathNorth;
    private double _multipathEast;
    private double _velocityNoiseNorth;
    private double _velocityNoiseEast;
    private GnssSolution? _last;

    /// <param name="seed">Source of every random draw of this receiver.</param>
    public GnssReceiverModel(IVehicleSensors sensors, int seed, GnssModelOptions? options = null)
    {
        _sensors = sensors;
        Options = options ?? new GnssModelOptions();
        _random = new Random(seed);
        double step = Options.EpochMilliseconds / 1_000.0;
        _north = new GaussMarkov(step, Options.ErrorCorrelationSeconds, _random);
        _east = new GaussMarkov(step, Options.ErrorCorrelationSeconds, _random);
        _up = new GaussMarkov(step, Options.ErrorCorrelationSeconds, _random);
        _hdopWander = new GaussMarkov(step, HdopWanderCorrelationSeconds, _random);
        _prns = [.. Enumerable.Range(1, PrnCount).OrderBy(_ => _random.Next())];
        _firstFixSeconds = _random.Between(Options.MinFirstFixSeconds, Options.MaxFirstFixSeconds);
        _satellites = Options.MeanSatellites;
    }

    public GnssModelOptions Options { get; }

    /// <summary>Simulation time of the first epoch (power-on), ms; null before the first sample.</summary>
    public long? PoweredOnAtMilliseconds { get; private set; }

    /// <summary>
    /// The solution of the latest epoch at or before the vehicle's current time. Epochs skipped since
    /// the last call are run through (with the current truth) so the noise processes move on.
    /// </summary>
    public GnssSolution Sample()
    {
        lock (_gate)
        {
            VehicleState truth = _sensors.Read();
            long period = Options.EpochMilliseconds;
            long epoch = truth.TimeMilliseconds / period * period;
            if (_last != null && epoch <= _last.TimeMilliseconds)
            {
                return _last;
            }

            if (_last == null)
            {
                PoweredOnAtMilliseconds = epoch;
                _fixFrom = epoch + (long)(_firstFixSeconds * 1_000);
            }

            for (long e = _last == null ? epoch : _last.TimeMilliseconds + period; e <= epoch; e += period)
            {
                Advance(e, truth.SkyVisible);
            }

            _last = Solve(epoch, truth);
            return _last;
        }
    }

    private void Advance(long epoch, bool skyVisible)
    {
        GnssModelOptions o = Options;
        double step = o.EpochMilliseconds / 1_000.0;
        _north.Step(_random.NextGaussian());
        _east.Step(_random.NextGaussian());
        _up.Step(_random.NextGaussian());
        _hdopWander.Step(_random.NextGaussian());
        _velocityNoiseNorth = _random.NextGaussian();
        _velocityNoiseEast = _random.NextGaussian();
        double satelliteChange = _random.NextDouble();
        double satelliteDirection = _random.NextDouble();
        double jump = _random.NextDouble();
        double jumpMetres = _random.Between(o.MinMultipathMetres, o.MaxMultipathMetres);
        double jumpAngle = _random.Between(0, 2 * Math.PI);
        double jumpSeconds = _random.Between(o.MinMultipathSeconds, o.MaxMultipathSeconds);
        double reacquisitionSeconds = _random.Between(o.MinReacquisitionSeconds, o.MaxReacquisitionSeconds);

        if (satelliteChange < o.SatelliteChangesPerMinute * step / 60)
        {
            // Mean-reverting walk: the further from the mean, the likelier the step back.
            double upShare = Math.Clamp(0.5 + (double)(o.MeanSatellites - _satellites) / Math.Max(1, o.MaxSatellites - o.MinSatellites), 0.1, 0.9);
            _satellites = Math.Clamp(_satellites + (satelliteDirection < upShare ? 1 : -1), o.MinSatellites, o.MaxSatellites);
        }

        if (!skyVisible)
        {
            _skyLost = true;
        }
        else if (_skyLost)
        {
            _skyLost = false;
            _fixFrom = Math.Max(_fixFrom, epoch + (long)(reacquisitionSeconds * 1_000));
        }

        bool fix = skyVisible && epoch >= _fixFrom;
        _timeKnown |= fix;
        if (_multipathLeft > 0)
        {
            _multipathLeft = fix ? _multipathLeft - o.EpochMilliseconds : 0;
        }
        else if (fix && jump < o.MultipathJumpsPerHour * step / 3_600)
        {
            _multipathNorth = jumpMetres * Math.Cos(jumpAngle);
            _multipathEast = jumpMetres * Math.Sin(jumpAngle);
            _multipathLeft = (long)(jumpSeconds * 1_000);
        }
    }

    private GnssSolution Solve(long epoch, VehicleState truth)
    {
        GnssModelOptions o = Options;
        bool fix = truth.SkyVisible && epoch >= _fixFrom;
        if (!fix)
        {
            return new GnssSolution { TimeMilliseconds = epoch, TimeKnown = _timeKnown, Truth = truth };
        }

        double hdop = Math.Max(MinHdop, o.HdopAtEightSatellites * 8 / _satellites * (1 + o.HdopWander * _hdopWander.Value));
        double vdop = hdop * o.VdopPerHdop;
        double axisSigma = hdop * o.UereMetres / Math.Sqrt(2);
        bool multipath = _multipathLeft > 0;
        double north = axisSigma * _north.Value + (multipath ? _multipathNorth : 0);
        double east = axisSigma * _east.Value + (multipath ? _multipathEast : 0);
        GeoPoint position = GeoMath.Offset(new GeoPoint(truth.Latitude, truth.Longitude), east, north);

        double speed = truth.SpeedKmh / 3.6;
        double heading = truth.HeadingDegrees * Math.PI / 180;
        double velocitySigma = o.VelocityNoiseMsPerHdop * hdop;
        double velocityNorth = speed * Math.Cos(heading) + velocitySigma * _velocityNoiseNorth;
        double velocityEast = speed * Math.Sin(heading) + velocitySigma * _velocityNoiseEast;
        double measuredKmh = Math.Sqrt(velocityNorth * velocityNorth + velocityEast * velocityEast) * 3.6;

        return new GnssSolution
        {
            TimeMilliseconds = epoch,
            TimeKnown = true,
            HasFix = true,
            Latitude = position.Latitude,
            Longitude = position.Longitude,
            AltitudeMetres = truth.AltitudeMetres + vdop * o.UereMetres * _up.Value,
            SpeedKmh = measuredKmh,
            CourseDegrees = measuredKmh >= o.CourseMinSpeedKmh
                ? GeoMath.NormalizeDegrees(Math.Atan2(velocityEast, velocityNorth) * 180 / Math.PI)
                : null,
            Hdop = hdop,
            Vdop = vdop,
            Pdop = Math.Sqrt(hdop * hdop + vdop * vdop),
            SatellitesUsed = _satellites,
            SatelliteIds = _prns[.._satellites],
            MultipathActive = multipath,
            Truth = truth,
        };
    }
}
