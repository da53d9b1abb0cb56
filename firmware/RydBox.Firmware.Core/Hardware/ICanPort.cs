namespace RydBox.Firmware.Hardware
{
    /// <summary>A CAN controller with its transceiver, already set to the bus bit rate.</summary>
    public interface ICanPort
    {
        /// <summary>Queues one frame for transmission.</summary>
        void Send(CanFrame frame);

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for the next received frame and copies
        /// it into <paramref name="into"/>. Returns false when none arrived in time.
        /// </summary>
        bool Receive(CanFrame into, int timeoutMilliseconds);
    }
}
