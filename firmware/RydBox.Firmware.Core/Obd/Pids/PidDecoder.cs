namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>
    /// Turns the bytes of one quantity inside a PID's data into a number. Instances are table data:
    /// one object per signal, built once, shared by every decode.
    /// </summary>
    public abstract class PidDecoder
    {
        /// <summary>Index of the last byte read, relative to byte A of the PID's data.</summary>
        public abstract int LastByteIndex { get; }

        public abstract double Minimum { get; }

        public abstract double Maximum { get; }

        /// <param name="offset">Index of byte A of the PID's data inside <paramref name="data"/>.</param>
        public abstract double Decode(byte[] data, int offset);
    }
}
