namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Reads the little CBOR the box receives (commands): heads, integers, booleans, text into a
    /// caller's char buffer, and skipping. Never throws for bad input: the first problem is kept in
    /// <see cref="Status"/> and every later read fails, so a parser checks once.
    /// </summary>
    public sealed class CborReader
    {
        /// <summary>Deepest nesting <see cref="Skip"/> follows; v1 commands need two levels.</summary>
        public const int MaxDepth = 8;

        private static readonly byte[] Empty = new byte[0];

        private byte[] _data = Empty;
        private int _position;
        private int _end;

        public WireStatus Status { get; private set; }

        public bool AtEnd
        {
            get { return _position >= _end; }
        }

        public void Reset(byte[] data, int offset, int count)
        {
            Status = WireStatus.Ok;
            if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
            {
                _data = Empty;
                _position = 0;
                _end = 0;
                Fail(WireStatus.Truncated);
                return;
            }

            _data = data;
            _position = offset;
            _end = offset + count;
        }

        /// <summary>The major type of the next item, or -1 at the end or after a failure.</summary>
        public int PeekMajorType()
        {
            return Status != WireStatus.Ok || AtEnd ? -1 : _data[_position] >> 5;
        }

        /// <summary>
        /// Reads one head: major type and argument (for major type 7 the simple value). Refuses
        /// indefinite lengths and reserved encodings, which v1 never sends.
        /// </summary>
        public bool ReadHead(out int majorType, out ulong argument)
        {
            majorType = -1;
            argument = 0;
            if (Status != WireStatus.Ok)
            {
                return false;
            }

            if (AtEnd)
            {
                return Fail(WireStatus.Truncated);
            }

            int head = _data[_position++];
            int info = head & 0x1F;
            if (info < 24)
            {
                argument = (ulong)info;
            }
            else if (info <= 27)
            {
                int size = 1 << (info - 24);
                if (size > _end - _position)
                {
                    return Fail(WireStatus.Truncated);
                }

                for (int i = 0; i < size; i++)
                {
                    argument = (argument << 8) | _data[_position++];
                }
            }
            else
            {
                return Fail(WireStatus.Malformed);
            }

            majorType = head >> 5;
            return true;
        }

        public bool ReadInt(out long value)
        {
            value = 0;
            int major;
            ulong argument;
            if (!ReadHead(out major, out argument))
            {
                return false;
            }

            if ((major != CborMajorType.UnsignedInteger && major != CborMajorType.NegativeInteger) || argument > long.MaxValue)
            {
                return Fail(WireStatus.InvalidValue);
            }

            value = major == CborMajorType.UnsignedInteger ? (long)argument : -1 - (long)argument;
            return true;
        }

        public bool ReadBool(out bool value)
        {
            value = false;
            int major;
            ulong argument;
            if (!ReadHead(out major, out argument))
            {
                return false;
            }

            if (major != CborMajorType.SimpleOrFloat || (argument != CborMajorType.True && argument != CborMajorType.False))
            {
                return Fail(WireStatus.InvalidValue);
            }

            value = argument == CborMajorType.True;
            return true;
        }

        /// <summary>Reads a container head of <paramref name="majorType"/> (array or map) and returns its count, or -1.</summary>
        public int ReadContainer(int majorType)
        {
            int major;
            ulong argument;
            if (!ReadHead(out major, out argument))
            {
                return -1;
            }

            if (major != majorType)
            {
                Fail(WireStatus.InvalidValue);
                return -1;
            }

            // Each item needs a byte at least: a larger count is a cut-off payload.
            if (argument > (ulong)(_end - _position))
            {
                Fail(WireStatus.Truncated);
                return -1;
            }

            return (int)argument;
        }

        /// <summary>
        /// Reads a text string into <paramref name="into"/> as UTF-16 and returns the chars written,
        /// or -1 (wrong type, cut off, not UTF-8, or more than <paramref name="maxBytes"/> bytes).
        /// </summary>
        public int ReadText(char[] into, int maxBytes)
        {
            int major;
            ulong argument;
            if (!ReadHead(out major, out argument))
            {
                return -1;
            }

            if (major != CborMajorType.TextString)
            {
                Fail(WireStatus.InvalidValue);
                return -1;
            }

            if (argument > (ulong)(_end - _position))
            {
                Fail(WireStatus.Truncated);
                return -1;
            }

            if (argument > (ulong)maxBytes || argument > (ulong)into.Length)
            {
                Fail(WireStatus.Oversized);
                return -1;
            }

            int count = Utf8.Decode(_data, _position, (int)argument, into, 0);
            if (count < 0)
            {
                Fail(WireStatus.Malformed);
                return -1;
            }

            _position += (int)argument;
            return count;
        }

        /// <summary>Skips one item, containers included, down to <see cref="MaxDepth"/> levels.</summary>
        public bool Skip()
        {
            return SkipItem(0);
        }

        /// <summary>Records <paramref name="status"/> unless a problem is already recorded; returns false.</summary>
        public bool Fail(WireStatus status)
        {
            if (Status == WireStatus.Ok)
            {
                Status = status;
            }

            return false;
        }

        private bool SkipItem(int depth)
        {
            int major;
            ulong argument;
            if (!ReadHead(out major, out argument))
            {
                return false;
            }

            switch (major)
            {
                case CborMajorType.ByteString:
                case CborMajorType.TextString:
                    if (argument > (ulong)(_end - _position))
                    {
                        return Fail(WireStatus.Truncated);
                    }

                    _position += (int)argument;
                    return true;
                case CborMajorType.Array:
                case CborMajorType.Map:
                    if (depth == MaxDepth)
                    {
                        return Fail(WireStatus.Malformed);
                    }

                    if (argument > (ulong)(_end - _position))
                    {
                        return Fail(WireStatus.Truncated);
                    }

                    int items = (int)argument * (major == CborMajorType.Map ? 2 : 1);
                    for (int i = 0; i < items; i++)
                    {
                        if (!SkipItem(depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                case CborMajorType.Tag:
                    return Fail(WireStatus.Malformed);
                default:
                    return true;
            }
        }
    }
}
