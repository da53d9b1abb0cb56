namespace RydBox.Firmware.Tests.Obd.Pids;

/// <summary>
/// One signal's J1979 definition restated by hand: its range and sample decodes. Each sample's
/// hex is the PID's complete data (bytes A, B, ...), so its length is the PID's J1979 byte count.
/// </summary>
public sealed record PidExpectation(int Pid, string Name, string Unit, double Min, double Max, (string Hex, double Value)[] Samples)
{
    public override string ToString() => $"{Pid:X2} {Name}";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", ""));
}
