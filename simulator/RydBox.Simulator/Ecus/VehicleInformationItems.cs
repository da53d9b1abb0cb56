using System.Collections.Frozen;
using System.Text;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// An ECU's mode 09 items on CAN, each as the bytes after "49 type": a count of data items, then
/// the items (VIN 17 bytes, calibration ids 16 bytes, ECU name 20 bytes, zero padded).
/// </summary>
internal static class VehicleInformationItems
{
    public const byte Vin = 0x02;
    public const byte CalibrationIds = 0x04;
    public const byte EcuName = 0x0A;

    private const int CalibrationIdLength = 16;
    private const int AcronymLength = 4;
    private const int NameLength = 15;
    private const byte NameDelimiter = (byte)'-';

    public static FrozenDictionary<byte, byte[]> For(EcuProfile profile)
    {
        var items = new Dictionary<byte, byte[]> { [EcuName] = [1, .. Padded(profile.Acronym, AcronymLength), NameDelimiter, .. Padded(profile.Name, NameLength)] };
        if (profile.Vin is { } vin)
        {
            items[Vin] = [1, .. Encoding.ASCII.GetBytes(vin)];
        }

        if (profile.CalibrationIds.Count > 0)
        {
            items[CalibrationIds] = [(byte)profile.CalibrationIds.Count, .. profile.CalibrationIds.SelectMany(id => Padded(id, CalibrationIdLength))];
        }

        return items.ToFrozenDictionary();
    }

    private static byte[] Padded(string text, int length)
    {
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, length)), bytes);
        return bytes;
    }
}
