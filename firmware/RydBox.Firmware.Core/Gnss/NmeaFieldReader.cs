namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// Reads the comma-separated fields of one checksummed sentence straight from its bytes,
    /// without strings, so parsing allocates nothing. Field 0 is the address ("GPRMC").
    /// Every Try method that fails records the field in <see cref="FailedField"/>. Methods with
    /// a <c>present</c> output accept an empty field: the receiver is saying it does not know
    /// that value, which the sentence must pass on rather than reject.
    /// </summary>
    internal sealed class NmeaFieldReader
    {
        /// <summary>Fields past this index read as empty; no supported sentence needs more.</summary>
        public const int MaxFields = 24;

        // Keeps the fixed-point accumulators far from long overflow: 17 significant digits.
        private const long AccumulatorLimit = 10000000000000000L;
        private const long MinuteScaleE7 = 10000000L;

        private readonly int[] _starts = new int[MaxFields];
        private readonly int[] _lengths = new int[MaxFields];
        private byte[] _buffer = new byte[0];

        /// <summary>Number of fields in the sentence (may exceed <see cref="MaxFields"/>).</summary>
        public int Count { get; private set; }

        /// <summary>The field the last failed read was asked for, or -1.</summary>
        public int FailedField { get; private set; }

        /// <summary>Splits the bytes from <paramref name="start"/> (after '$') up to <paramref name="end"/> (the '*').</summary>
        public void Load(byte[] buffer, int start, int end)
        {
            _buffer = buffer;
            FailedField = -1;
            Count = 0;
            int fieldStart = start;
            for (int i = start; i <= end; i++)
            {
                if (i == end || buffer[i] == (byte)',')
                {
                    if (Count < MaxFields)
                    {
                        _starts[Count] = fieldStart;
                        _lengths[Count] = i - fieldStart;
                    }

                    Count++;
                    fieldStart = i + 1;
                }
            }
        }

        /// <summary>True for a missing, empty or blank field (SiRF writes "T, ,M").</summary>
        public bool IsEmpty(int field)
        {
            if (field < 0 || field >= Count || field >= MaxFields)
            {
                return true;
            }

            int start = _starts[field];
            for (int i = 0; i < _lengths[field]; i++)
            {
                if (_buffer[start + i] != (byte)' ')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the field has exactly three characters after <paramref name="offset"/> and they are the ones given.</summary>
        public bool Matches(int field, int offset, char a, char b, char c)
        {
            if (IsEmpty(field) || _lengths[field] != offset + 3)
            {
                return false;
            }

            int p = _starts[field] + offset;
            return _buffer[p] == (byte)a && _buffer[p + 1] == (byte)b && _buffer[p + 2] == (byte)c;
        }

        /// <summary>True when field 0 is a standard address: two upper-case talker letters (not 'P'roprietary) and a three-letter type.</summary>
        public bool IsTalkerAddress()
        {
            if (Count == 0 || _lengths[0] != 5)
            {
                return false;
            }

            int p = _starts[0];
            for (int i = 0; i < 5; i++)
            {
                byte b = _buffer[p + i];
                if (b < (byte)'A' || b > (byte)'Z')
                {
                    return false;
                }
            }

            return _buffer[p] != (byte)'P';
        }

        /// <summary>Reads a one-character field that must be an upper-case letter.</summary>
        private bool TryReadLetter(int field, out char value)
        {
            value = '\0';
            if (IsEmpty(field) || _lengths[field] != 1)
            {
                return Fail(field);
            }

            byte b = _buffer[_starts[field]];
            if (b < (byte)'A' || b > (byte)'Z')
            {
                return Fail(field);
            }

            value = (char)b;
            return true;
        }

        /// <summary>Reads an optional one-letter field.</summary>
        public bool TryReadLetter(int field, out bool present, out char value)
        {
            value = '\0';
            return IsAbsent(field, out present) || TryReadLetter(field, out value);
        }

        /// <summary>Reads an optional RMC/GLL status: 'A' (valid) or 'V' (receiver warning).</summary>
        public bool TryReadStatus(int field, out bool present, out bool valid)
        {
            valid = false;
            if (IsAbsent(field, out present))
            {
                return true;
            }

            char status;
            valid = TryReadLetter(field, out status) && status == 'A';
            return valid || status == 'V' || Fail(field);
        }

        /// <summary>Reads optional digits only (no sign, no point) within [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public bool TryReadInteger(int field, int min, int max, out bool present, out int value)
        {
            value = 0;
            if (IsAbsent(field, out present))
            {
                return true;
            }

            int start = _starts[field];
            for (int i = 0; i < _lengths[field]; i++)
            {
                int digit = _buffer[start + i] - '0';
                if (digit < 0 || digit > 9 || value > max)
                {
                    return Fail(field);
                }

                value = value * 10 + digit;
            }

            return (value >= min && value <= max) || Fail(field);
        }

        /// <summary>
        /// Reads an optionally signed decimal ("-34.2", "0.004", "5.") as an integer scaled by
        /// 10^<paramref name="decimals"/>, rounding half up on the first dropped digit, and
        /// checks it against [<paramref name="min"/>, <paramref name="max"/>].
        /// </summary>
        private bool TryReadFixed(int field, int decimals, long min, long max, out long value)
        {
            if (!TryReadScaled(field, decimals, out value) || value < min || value > max)
            {
                value = 0;
                return Fail(field);
            }

            return true;
        }

        /// <summary>An optional <see cref="TryReadFixed(int, int, long, long, out long)"/> for values that fit an int.</summary>
        public bool TryReadFixed(int field, int decimals, int min, int max, out bool present, out int value)
        {
            value = 0;
            if (IsAbsent(field, out present))
            {
                return true;
            }

            long wide;
            bool ok = TryReadFixed(field, decimals, (long)min, (long)max, out wide);
            value = (int)wide;
            return ok;
        }

        /// <summary>Reads an optional "hhmmss" or "hhmmss.s..." (any number of decimals, truncated to ms).</summary>
        public bool TryReadTime(int field, out bool present, out int hour, out int minute, out int second, out int millisecond)
        {
            hour = minute = second = millisecond = 0;
            if (IsAbsent(field, out present))
            {
                return true;
            }

            if (_lengths[field] < 6 || (_lengths[field] > 6 && _buffer[_starts[field] + 6] != (byte)'.'))
            {
                return Fail(field);
            }

            int p = _starts[field];
            hour = TwoDigits(p);
            minute = TwoDigits(p + 2);
            second = TwoDigits(p + 4);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
            {
                return Fail(field);
            }

            int scale = 100;
            for (int i = 7; i < _lengths[field]; i++)
            {
                int digit = _buffer[p + i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return Fail(field);
                }

                millisecond += digit * scale;
                scale /= 10;
            }

            return true;
        }

        /// <summary>Reads an optional "ddmmyy" into a calendar date; years 80..99 are 19xx, the rest 20xx.</summary>
        public bool TryReadDate(int field, out bool present, out int day, out int month, out int year)
        {
            day = month = year = 0;
            if (IsAbsent(field, out present))
            {
                return true;
            }

            if (_lengths[field] != 6)
            {
                return Fail(field);
            }

            int p = _starts[field];
            day = TwoDigits(p);
            month = TwoDigits(p + 2);
            year = TwoDigits(p + 4);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(month, year))
            {
                return Fail(field);
            }

            year += year >= 80 ? 1900 : 2000;
            return true;
        }

        /// <summary>
        /// Reads the four position fields starting at <paramref name="field"/>
        /// (ddmm.mmmm, N/S, dddmm.mmmm, E/W) as degrees x 10^7. All four empty means "no
        /// position" (<paramref name="present"/> false); some empty and some not is a bad field.
        /// </summary>
        public bool TryReadPosition(int field, out bool present, out int latitudeE7, out int longitudeE7)
        {
            latitudeE7 = longitudeE7 = 0;
            present = !IsEmpty(field) || !IsEmpty(field + 1) || !IsEmpty(field + 2) || !IsEmpty(field + 3);
            if (!present)
            {
                return true;
            }

            return TryReadCoordinate(field, 90, 'N', 'S', out latitudeE7)
                && TryReadCoordinate(field + 2, 180, 'E', 'W', out longitudeE7);
        }

        private bool TryReadCoordinate(int field, int maxDegrees, char positive, char negative, out int valueE7)
        {
            valueE7 = 0;
            long dddmmE7;
            if (!TryReadFixed(field, 7, 0L, maxDegrees * 100L * MinuteScaleE7, out dddmmE7))
            {
                return false;
            }

            long degrees = dddmmE7 / (100 * MinuteScaleE7);
            long minutesE7 = dddmmE7 % (100 * MinuteScaleE7);
            long total = degrees * MinuteScaleE7 + (minutesE7 + 30) / 60;
            if (minutesE7 >= 60 * MinuteScaleE7 || total > maxDegrees * MinuteScaleE7)
            {
                return Fail(field);
            }

            char hemisphere;
            if (!TryReadLetter(field + 1, out hemisphere) || (hemisphere != positive && hemisphere != negative))
            {
                return Fail(field + 1);
            }

            valueE7 = (int)(hemisphere == negative ? -total : total);
            return true;
        }

        private bool TryReadScaled(int field, int decimals, out long value)
        {
            value = 0;
            if (IsEmpty(field))
            {
                return false;
            }

            int p = _starts[field];
            int end = p + _lengths[field];
            bool negative = _buffer[p] == (byte)'-';
            if (negative || _buffer[p] == (byte)'+')
            {
                p++;
            }

            int digits = 0;
            int fractionDigits = -1;
            bool roundUp = false;
            for (; p < end; p++)
            {
                int b = _buffer[p];
                if (b == '.')
                {
                    if (fractionDigits >= 0)
                    {
                        return false;
                    }

                    fractionDigits = 0;
                    continue;
                }

                int digit = b - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                digits++;
                if (fractionDigits >= decimals)
                {
                    roundUp |= fractionDigits == decimals && digit >= 5;
                    fractionDigits++;
                    continue;
                }

                if (fractionDigits >= 0)
                {
                    fractionDigits++;
                }

                if (value >= AccumulatorLimit)
                {
                    return false;
                }

                value = value * 10 + digit;
            }

            if (digits == 0)
            {
                return false;
            }

            for (int i = fractionDigits < 0 ? 0 : fractionDigits; i < decimals; i++)
            {
                if (value >= AccumulatorLimit)
                {
                    return false;
                }

                value *= 10;
            }

            if (roundUp)
            {
                value++;
            }

            if (negative)
            {
                value = -value;
            }

            return true;
        }

        private int TwoDigits(int p)
        {
            int high = _buffer[p] - '0';
            int low = _buffer[p + 1] - '0';
            if (high < 0 || high > 9 || low < 0 || low > 9)
            {
                return -1;
            }

            return high * 10 + low;
        }

        private static int DaysInMonth(int month, int year)
        {
            if (month == 2)
            {
                // Two-digit years are 1980..2079, where every year divisible by 4 is a leap year.
                return year % 4 == 0 ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private bool IsAbsent(int field, out bool present)
        {
            present = !IsEmpty(field);
            return !present;
        }

        private bool Fail(int field)
        {
            FailedField = field;
            return false;
        }
    }
}
