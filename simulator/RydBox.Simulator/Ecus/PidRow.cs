using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Ecus;

/// <summary>One row of a virtual ECU's mode 01 table: a PID it supports and how it encodes the vehicle's state.</summary>
/// <param name="Signal">The firmware's name for the value (its PidTable), so the two tables can be checked against each other.</param>
/// <param name="ByteCount">Data bytes after the PID byte; <paramref name="Encode"/> returns exactly this many.</param>
public sealed record PidRow(byte Pid, string Signal, int ByteCount, Func<PidInputs, byte[]> Encode);

/// <summary>What a PID encoder reads: the vehicle now and the ECU's own diagnostic state.</summary>
public sealed record PidInputs(VehicleState Vehicle, EcuDiagnostics Diagnostics);

/// <summary>An ECU's diagnostic state as PID 01 (monitor status) reports it.</summary>
/// <param name="MonitorsIncomplete">True after trouble codes were cleared: readiness monitors must run again.</param>
public sealed record EcuDiagnostics(bool MilOn, int StoredDtcCount, bool MonitorsIncomplete, MonitorSupport Monitors);

/// <summary>The readiness monitors an ECU runs, as PID 01 bytes B and C code them (spark ignition).</summary>
/// <param name="Common">Byte B bits 0-2: misfire, fuel system, comprehensive components.</param>
/// <param name="SparkIgnition">Byte C: catalyst, heated catalyst, evaporative system, secondary air, A/C, O2 sensor, O2 heater, EGR.</param>
public sealed record MonitorSupport(byte Common, byte SparkIgnition);
