namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>
    /// The J1979 workhorse: a big-endian integer of 1 to 4 bytes, unsigned or two's complement,
    /// times a scale plus an offset (e.g. engine speed = (256A+B) / 4).
    /// </summary>
    public sealed class LinearDecoder : PidDecoder
    {
        private readonly int _at;
        private readonly int _length;
        private readonly bool _signed;
        private readonly double _scale;
        private readonly double _add;

        /// <param name="at">First byte of the value, 0 = byte A.</param>
        /// <param name="length">Bytes in the value, 1 to 4.</param>
        /// <param name="signed">True when the bytes are two's complement.</param>
        /// <param name="scale">Positive factor applied to the raw integer.</param>
        /// <param name="add">Offset added after scaling.</param>
        public LinearDecoder(int at, int length, bool signed, double scale, double add)
        {
            _at = at;
            _length = length;
            _signed = signed;
            _scale = scale;
            _add = add;
        }

        public override int LastByteIndex
        {
            get { return _at + _length - 1; }
        }

        public override double Minimum
        {
            get { return (_signed ? -HalfRange() : 0) * _scale + _add; }
        }

        public override double Maximum
        {
            get { return (_signed ? HalfRange() - 1 : 2 * HalfRange() - 1) * _scale + _add; }
        }

        public override long DecodeRaw(byte[] data, int offset)
        {
            long raw = 0;
            int start = offset + _at;
            for (int i = 0; i < _length; i++)
            {
                raw = (raw << 8) | data[start + i];
            }

            if (_signed && raw >= HalfRange())
            {
                raw -= 2 * HalfRange();
            }

            return raw;
        }

        public override double Scale(long raw)
        {
            return raw * _scale + _add;
        }

        private long HalfRange()
        {
            return 1L << (8 * _length - 1);
        }
    }
}
