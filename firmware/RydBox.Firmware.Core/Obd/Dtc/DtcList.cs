namespace RydBox.Firmware.Obd.Dtc
{
    /// <summary>A reusable, fixed-capacity list of raw trouble codes filled by <see cref="DtcListParser"/>.</summary>
    public sealed class DtcList
    {
        private readonly ushort[] _codes;

        public DtcList(int capacity)
        {
            _codes = new ushort[capacity < 0 ? 0 : capacity];
        }

        public int Capacity
        {
            get { return _codes.Length; }
        }

        public int Count { get; private set; }

        /// <summary>True when codes were dropped because the list was full.</summary>
        public bool Overflowed { get; private set; }

        public void Clear()
        {
            Count = 0;
            Overflowed = false;
        }

        /// <summary>Appends a code; returns false and sets <see cref="Overflowed"/> when full.</summary>
        public bool Add(ushort raw)
        {
            if (Count >= _codes.Length)
            {
                Overflowed = true;
                return false;
            }

            _codes[Count++] = raw;
            return true;
        }

        /// <summary>The code's two bytes as one value (first byte high), for 0 &lt;= index &lt; Count.</summary>
        public ushort RawAt(int index)
        {
            return _codes[index];
        }

        /// <summary>Writes the code at <paramref name="index"/> as 5 characters; returns the count written.</summary>
        public int FormatAt(int index, char[] into, int offset)
        {
            if (index < 0 || index >= Count)
            {
                return 0;
            }

            return DtcCode.Format(_codes[index], into, offset);
        }

        /// <summary>Convenience for logs and tests; allocates a string.</summary>
        public string CodeAt(int index)
        {
            return DtcCode.ToText(_codes[index]);
        }
    }
}
