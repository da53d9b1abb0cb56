using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Dtc;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Detectors.LowBattery;
using RydBox.Gateway.Events.Detectors.Offline;
using RydBox.Gateway.Events.Detectors.Speeding;
using RydBox.Gateway.Events.Detectors.Towing;
using RydBox.Gateway.Events.Detectors.Trips;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// All detectors of one device, configured with its rules (geofences, curfews): each observation
/// goes to every detector, in a fixed order, so the same observations always give the same events.
/// Pure like the detectors it holds.
/// </summary>
public sealed class DetectorSet
{
    private readonly TripDetector _trip;
    private readonly TowingDetector _towing;
    private readonly GeofenceDetector _geofence;
    private readonly SpeedingDetector _speeding;
    private readonly CurfewDetector _curfew;
    private readonly DtcDetector _dtc;
    private readonly LowBatteryDetector _lowBattery;
    private readonly OfflineDetector _offline;

    public DetectorSet(EventsOptions options, VehicleRules rules)
    {
        _trip = new TripDetector(options.Trip);
        _towing = new TowingDetector(options.Towing);
        _geofence = new GeofenceDetector(rules.Geofences, options.Geofence);
        _speeding = new SpeedingDetector(options.Speeding);
        _curfew = new CurfewDetector(rules.Curfews, options.Curfew);
        _dtc = new DtcDetector();
        _lowBattery = new LowBatteryDetector(options.LowBattery);
        _offline = new OfflineDetector(options.Offline);
        Initial = new DetectorStates(
            _trip.Initial, _towing.Initial, _geofence.Initial, _speeding.Initial, _curfew.Initial, _dtc.Initial, _lowBattery.Initial, _offline.Initial);
    }

    public DetectorStates Initial { get; }

    public DetectorStates Observe(DetectorStates states, Observation observation, ICollection<VehicleEvent> emitted) => new(
        _trip.Observe(states.Trip, observation, emitted),
        _towing.Observe(states.Towing, observation, emitted),
        _geofence.Observe(states.Geofence, observation, emitted),
        _speeding.Observe(states.Speeding, observation, emitted),
        _curfew.Observe(states.Curfew, observation, emitted),
        _dtc.Observe(states.Dtc, observation, emitted),
        _lowBattery.Observe(states.LowBattery, observation, emitted),
        _offline.Observe(states.Offline, observation, emitted));
}
