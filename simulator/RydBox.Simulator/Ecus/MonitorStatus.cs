namespace RydBox.Simulator.Ecus;

/// <summary>PID 01, "monitor status since DTCs cleared": the MIL, the stored code count and readiness.</summary>
internal static class MonitorStatus
{
    private const byte MilBit = 0x80;
    private const int MaxDtcCount = 0x7F;

    /// <summary>Byte B's "incomplete" flags sit four bits above the matching "supported" flags.</summary>
    private const int IncompleteShift = 4;

    public static byte[] Encode(PidInputs inputs)
    {
        EcuDiagnostics diagnostics = inputs.Diagnostics;
        MonitorSupport monitors = diagnostics.Monitors;
        bool incomplete = diagnostics.MonitorsIncomplete;

        // Bit 3 of byte B stays 0: a spark-ignition engine, so byte C and D are the spark monitors.
        return
        [
            (byte)((diagnostics.MilOn ? MilBit : 0) | Math.Min(diagnostics.StoredDtcCount, MaxDtcCount)),
            (byte)(monitors.Common | (incomplete ? monitors.Common << IncompleteShift : 0)),
            monitors.SparkIgnition,
            incomplete ? monitors.SparkIgnition : (byte)0,
        ];
    }
}
