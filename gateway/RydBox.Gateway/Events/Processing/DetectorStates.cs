using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Dtc;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Detectors.LowBattery;
using RydBox.Gateway.Events.Detectors.Offline;
using RydBox.Gateway.Events.Detectors.Speeding;
using RydBox.Gateway.Events.Detectors.Towing;
using RydBox.Gateway.Events.Detectors.Trips;

namespace RydBox.Gateway.Events.Processing;

/// <summary>Every detector's state for one device: what is persisted, and what a replay of late data starts from.</summary>
public sealed record DetectorStates(
    TripState Trip,
    TowingState Towing,
    GeofenceState Geofence,
    SpeedingState Speeding,
    CurfewState Curfew,
    DtcState Dtc,
    LowBatteryState LowBattery,
    OfflineState Offline);
