using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// A frame as it travels the virtual bus: immutable, so every receiver can share it, and stamped
/// with the bus time it reaches them (later than "now" for consecutive frames paced by STmin).
/// </summary>
/// <param name="Sequence">Transmission order on the bus, which breaks ties between equal delivery times.</param>
public sealed record BusFrame(uint Id, bool IsExtended, byte[] Data, long DeliverAt, long Sequence)
{
    public void CopyTo(CanFrame into)
    {
        into.Id = Id;
        into.IsExtended = IsExtended;
        into.Length = Data.Length;
        Data.CopyTo(into.Data, 0);
    }
}
