using System.Text.Json.Serialization;
using RydBox.Firmware.Events;

namespace RydBox.Gateway.Events.Model;

/// <summary>
/// Something a device's detectors learn, in timestamp order: a telemetry row or an on-box event
/// (stamped by the box), a connection change or a clock tick (stamped by the gateway).
/// Observations waiting to be put in order are persisted as JSON with their "type".
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SampleObservation), "sample")]
[JsonDerivedType(typeof(BoxEventObservation), "box_event")]
[JsonDerivedType(typeof(ConnectionObservation), "connection")]
[JsonDerivedType(typeof(ClockTick), "tick")]
public abstract record Observation(long UnixMilliseconds);

/// <summary>
/// One telemetry row. Only the signals the box read for this row are set: a parked box reads GNSS
/// and voltage once a minute, a driving one OBD speed and RPM every second and slower PIDs every
/// few seconds, so a detector keeps the last value it needs in its own state.
/// </summary>
public sealed record SampleObservation(
    long UnixMilliseconds,
    Place? Position = null,
    double? Hdop = null,
    double? GnssSpeedKmh = null,
    double? ObdSpeedKmh = null,
    double? Rpm = null,
    double? SupplyVolts = null,
    double? MassAirFlowGramsPerSecond = null,
    double? FuelLevelPercent = null,
    double? OdometerKm = null) : Observation(UnixMilliseconds);

/// <summary>An event the box raised itself (ignition, its own tow alarm, a DTC, low battery ...).</summary>
public sealed record BoxEventObservation(long UnixMilliseconds, BoxEventType Type, Place? Position, long Value, string? Detail)
    : Observation(UnixMilliseconds);

/// <summary>The box connected (its retained "online" status) or its connection dropped (the broker's last will).</summary>
public sealed record ConnectionObservation(long UnixMilliseconds, bool Online) : Observation(UnixMilliseconds);

/// <summary>
/// Gateway time passing: lets detectors end what silence ends (a trip after a data gap, a device
/// gone offline). Ticks are fed only past the device's latest observation, never between samples.
/// </summary>
public sealed record ClockTick(long UnixMilliseconds) : Observation(UnixMilliseconds);
