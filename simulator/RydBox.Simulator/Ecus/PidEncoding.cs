namespace RydBox.Simulator.Ecus;

/// <summary>
/// Writes values the way J1979 scales them, the exact inverse of the firmware's decoders
/// (LinearDecoder and the PidRowBuilder scalings): raw = round((value − offset) / scale),
/// big-endian, clamped to what the bytes can carry, as a real sensor saturates.
/// </summary>
internal static class PidEncoding
{
    public static byte[] Unsigned(double value, double scale, double offset, int length)
    {
        double largest = Math.Pow(256, length) - 1;
        double scaled = Math.Round((value - offset) / scale, MidpointRounding.AwayFromZero);
        ulong raw = double.IsNaN(scaled) ? 0 : (ulong)Math.Clamp(scaled, 0, largest);
        var bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)raw;
            raw >>= 8;
        }

        return bytes;
    }

    /// <summary>100/255 × A.</summary>
    public static byte[] Percent(double percent) => Unsigned(percent, 100.0 / 255, 0, 1);

    /// <summary>A − 40 °C.</summary>
    public static byte[] Temperature(double celsius) => Unsigned(celsius, 1, -40, 1);
}
