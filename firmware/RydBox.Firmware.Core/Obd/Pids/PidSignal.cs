namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>One named quantity carried by a PID, e.g. the voltage half of an O2 sensor PID.</summary>
    public sealed class PidSignal
    {
        private readonly PidDecoder _decoder;

        public PidSignal(string name, string unit, PidDecoder decoder)
        {
            Name = name;
            Unit = unit;
            _decoder = decoder;
        }

        /// <summary>Stable snake_case key, e.g. "engine_rpm"; other components and the wire use it.</summary>
        public string Name { get; }

        public string Unit { get; }

        public double Minimum
        {
            get { return _decoder.Minimum; }
        }

        public double Maximum
        {
            get { return _decoder.Maximum; }
        }

        /// <summary>Bytes of the PID's data this signal needs, counted from byte A.</summary>
        public int BytesRead
        {
            get { return _decoder.LastByteIndex + 1; }
        }

        /// <param name="data">Buffer holding the response.</param>
        /// <param name="offset">Index of byte A of this PID's data.</param>
        public double Decode(byte[] data, int offset)
        {
            return _decoder.Decode(data, offset);
        }

        /// <summary>The unscaled integer the bytes carry; see <see cref="PidDecoder.DecodeRaw"/>.</summary>
        public long DecodeRaw(byte[] data, int offset)
        {
            return _decoder.DecodeRaw(data, offset);
        }

        /// <summary>The value in <see cref="Unit"/> for a raw integer.</summary>
        public double Scale(long raw)
        {
            return _decoder.Scale(raw);
        }
    }
}
