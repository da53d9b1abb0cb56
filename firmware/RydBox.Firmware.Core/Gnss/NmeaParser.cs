namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// Checks one NMEA 0183 line and decodes RMC, GGA, VTG, GSA and GLL from any talker
    /// (GP, GL, GA, GB, BD, GQ, GN, ...) into a <see cref="GnssFix"/>. A sentence either
    /// updates the fix completely or not at all. Never throws and allocates nothing.
    /// <para>
    /// Lines without a "*hh" checksum are refused: the receiver's UART (or a Bluetooth/USB
    /// bridge) drops and garbles bytes, the checksum is the only integrity check NMEA has,
    /// and every receiver made this century sends it. Losing one epoch at 1-10 Hz is harmless;
    /// a silently corrupted position or speed feeds trips and events with wrong data.
    /// </para>
    /// </summary>
    public sealed class NmeaParser
    {
        /// <summary>
        /// Longest line accepted, excluding CR/LF. NMEA allows 82 characters including CR/LF,
        /// but high-precision modes and NMEA 4.1 fields push real receivers past that.
        /// </summary>
        public const int MaxLineLength = 120;

        private readonly NmeaFieldReader _fields = new NmeaFieldReader();

        /// <summary>The sentence type of the last line whose checksum and address were good.</summary>
        public NmeaSentence Sentence { get; private set; }

        /// <summary>After <see cref="NmeaResult.BadField"/>: the index of the offending field (0 is the address), else -1.</summary>
        public int BadField { get; private set; }

        /// <summary>
        /// Parses <paramref name="length"/> bytes at <paramref name="offset"/>; trailing CR/LF
        /// are ignored. A null line or fix, or a range outside the buffer, counts as
        /// <see cref="NmeaResult.Empty"/>.
        /// </summary>
        public NmeaResult Parse(byte[] line, int offset, int length, GnssFix fix)
        {
            Sentence = NmeaSentence.None;
            BadField = -1;
            if (line == null || fix == null || offset < 0 || length < 0 || offset > line.Length - length)
            {
                return NmeaResult.Empty;
            }

            int end = offset + length;
            while (end > offset && (line[end - 1] == (byte)'\r' || line[end - 1] == (byte)'\n'))
            {
                end--;
            }

            if (end == offset)
            {
                return NmeaResult.Empty;
            }

            if (end - offset > MaxLineLength)
            {
                return NmeaResult.TooLong;
            }

            if (line[offset] != (byte)'$')
            {
                return NmeaResult.NoStartDelimiter;
            }

            int star = offset + 1;
            int sum = 0;
            while (star < end && line[star] != (byte)'*')
            {
                sum ^= line[star];
                star++;
            }

            NmeaResult framing = CheckChecksum(line, star, end, sum);
            if (framing != NmeaResult.Ok)
            {
                return framing;
            }

            _fields.Load(line, offset + 1, star);
            NmeaResult result = Decode(fix);
            if (result == NmeaResult.BadField)
            {
                BadField = _fields.FailedField;
            }

            return result;
        }

        private static NmeaResult CheckChecksum(byte[] line, int star, int end, int sum)
        {
            if (star == end)
            {
                return NmeaResult.MissingChecksum;
            }

            int digits = end - star - 1;
            if (digits < 2)
            {
                return NmeaResult.Truncated;
            }

            int high = HexValue(line[star + 1]);
            int low = HexValue(line[star + 2]);
            if (digits > 2 || high < 0 || low < 0 || (high << 4 | low) != sum)
            {
                return NmeaResult.BadChecksum;
            }

            return NmeaResult.Ok;
        }

        private NmeaResult Decode(GnssFix fix)
        {
            Sentence = Identify();
            switch (Sentence)
            {
                case NmeaSentence.Rmc:
                    return RmcSentence.Decode(_fields, fix);
                case NmeaSentence.Gga:
                    return GgaSentence.Decode(_fields, fix);
                case NmeaSentence.Vtg:
                    return VtgSentence.Decode(_fields, fix);
                case NmeaSentence.Gsa:
                    return GsaSentence.Decode(_fields, fix);
                case NmeaSentence.Gll:
                    return GllSentence.Decode(_fields, fix);
                default:
                    return NmeaResult.UnsupportedSentence;
            }
        }

        /// <summary>Any two-letter talker except 'P' (proprietary, e.g. $PUBX) followed by a known type.</summary>
        private NmeaSentence Identify()
        {
            if (!_fields.IsTalkerAddress())
            {
                return NmeaSentence.None;
            }

            if (_fields.Matches(0, 2, 'R', 'M', 'C'))
            {
                return NmeaSentence.Rmc;
            }

            if (_fields.Matches(0, 2, 'G', 'G', 'A'))
            {
                return NmeaSentence.Gga;
            }

            if (_fields.Matches(0, 2, 'V', 'T', 'G'))
            {
                return NmeaSentence.Vtg;
            }

            if (_fields.Matches(0, 2, 'G', 'S', 'A'))
            {
                return NmeaSentence.Gsa;
            }

            return _fields.Matches(0, 2, 'G', 'L', 'L') ? NmeaSentence.Gll : NmeaSentence.None;
        }

        private static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                return b - '0';
            }

            if (b >= (byte)'A' && b <= (byte)'F')
            {
                return b - 'A' + 10;
            }

            if (b >= (byte)'a' && b <= (byte)'f')
            {
                return b - 'a' + 10;
            }

            return -1;
        }
    }
}
