namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>A run of bits inside one byte, for values packed below byte size (e.g. the gear in PID A4).</summary>
    public sealed class BitFieldDecoder : PidDecoder
    {
        private readonly int _at;
        private readonly int _shift;
        private readonly int _mask;

        /// <param name="at">The byte holding the field, 0 = byte A.</param>
        /// <param name="lowestBit">Bit number (0 = least significant) of the field's lowest bit.</param>
        /// <param name="bitCount">Width of the field, 1 to 8 bits.</param>
        public BitFieldDecoder(int at, int lowestBit, int bitCount)
        {
            _at = at;
            _shift = lowestBit;
            _mask = (1 << bitCount) - 1;
        }

        public override int LastByteIndex
        {
            get { return _at; }
        }

        public override double Minimum
        {
            get { return 0; }
        }

        public override double Maximum
        {
            get { return _mask; }
        }

        public override long DecodeRaw(byte[] data, int offset)
        {
            return (data[offset + _at] >> _shift) & _mask;
        }

        public override double Scale(long raw)
        {
            return raw;
        }
    }
}
