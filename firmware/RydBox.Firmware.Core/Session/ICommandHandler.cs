namespace RydBox.Firmware.Session
{
    /// <summary>
    /// Carries out a command the gateway sent on the box's cmd topic. The session owns the
    /// connection; the box runtime owns what a command means (configuration, DTCs, ping).
    /// </summary>
    public interface ICommandHandler
    {
        /// <summary>
        /// Handles one CBOR command and writes the CBOR acknowledgement into <paramref name="ack"/>.
        /// Returns the acknowledgement's length, or 0 when the command cannot be answered at all
        /// (too garbled to carry an id).
        /// </summary>
        int Handle(byte[] command, int length, byte[] ack);
    }
}
