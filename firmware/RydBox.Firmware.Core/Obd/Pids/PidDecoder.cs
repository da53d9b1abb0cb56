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

        /// <summary>
        /// The integer the bytes carry before scaling: lossless, and the unit the wire format sends,
        /// because it is the most compact exact form of the value.
        /// </summary>
        /// <param name="offset">Index of byte A of the PID's data inside <paramref name="data"/>.</param>
        public abstract long DecodeRaw(byte[] data, int offset);

        /// <summary>The value in the signal's unit for a raw integer from <see cref="DecodeRaw"/>.</summary>
        public abstract double Scale(long raw);

        /// <param name="offset">Index of byte A of the PID's data inside <paramref name="data"/>.</param>
        public double Decode(byte[] data, int offset)
        {
            return Scale(DecodeRaw(data, offset));
        }
    }
}
