namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// A bidirectional byte link to a device such as an ELM327 (UART, Bluetooth SPP, TCP).
    /// </summary>
    public interface IByteStream
    {
        /// <summary>
        /// Copies the bytes already received (at most <paramref name="count"/>) into
        /// <paramref name="buffer"/>, waiting up to <paramref name="timeoutMilliseconds"/> for the
        /// first one. Returns 0 when nothing arrived in time.
        /// </summary>
        /// <exception cref="System.IO.IOException">The link is closed or broken.</exception>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);

        /// <exception cref="System.IO.IOException">The link is closed or broken.</exception>
        void Write(byte[] buffer, int offset, int count);
    }
}
