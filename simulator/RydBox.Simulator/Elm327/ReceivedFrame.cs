using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Elm327;

/// <summary>A frame the adapter took off the bus for the current request.</summary>
internal sealed record ReceivedFrame(uint Id, bool IsExtended, byte[] Data)
{
    public const int FirstFrameKind = 0x10;

    public static ReceivedFrame Of(CanFrame frame) => new(frame.Id, frame.IsExtended, frame.Data[..frame.Length]);

    /// <summary>The ISO-TP frame kind (high nibble of the first byte), or -1 for an empty frame.</summary>
    public int Kind => Data.Length == 0 ? -1 : Data[0] & 0xF0;
}
