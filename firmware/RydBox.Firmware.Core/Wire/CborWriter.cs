using System;

namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Writes CBOR into a caller's buffer: definite lengths only, every head in its shortest form
    /// (RFC 8949 §4.2.1), so the same values always give the same bytes. Never throws for lack of
    /// room: the first write that does not fit sets <see cref="Overflowed"/> and later writes are
    /// ignored, so an encoder checks once at the end.
    /// </summary>
    public sealed class CborWriter
    {
        private static readonly byte[] Empty = new byte[0];

        private byte[] _buffer = Empty;
        private int _start;
        private int _limit;
        private int _position;

        public bool Overflowed { get; private set; }

        /// <summary>Bytes written since <see cref="Reset"/>.</summary>
        public int Length
        {
            get { return _position - _start; }
        }

        /// <summary>Index in the buffer where the next byte goes.</summary>
        public int Position
        {
            get { return _position; }
        }

        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset + count;
            Overflowed = buffer == null || offset < 0 || count < 0 || _limit > buffer.Length;
            if (Overflowed)
            {
                _buffer = Empty;
                _limit = 0;
                _position = 0;
                _start = 0;
            }
        }

        public void Reset(byte[] buffer)
        {
            Reset(buffer, 0, buffer == null ? 0 : buffer.Length);
        }

        public void WriteInt(long value)
        {
            if (value >= 0)
            {
                WriteHead(CborMajorType.UnsignedInteger, (ulong)value);
            }
            else
            {
                // -1 - value cannot overflow for any negative long.
                WriteHead(CborMajorType.NegativeInteger, (ulong)(-1 - value));
            }
        }

        public void WriteUnsigned(ulong value)
        {
            WriteHead(CborMajorType.UnsignedInteger, value);
        }

        public void WriteBool(bool value)
        {
            WriteByte((byte)((CborMajorType.SimpleOrFloat << 5) | (value ? CborMajorType.True : CborMajorType.False)));
        }

        public void WriteNull()
        {
            WriteByte((byte)((CborMajorType.SimpleOrFloat << 5) | CborMajorType.Null));
        }

        public void WriteArrayHeader(int count)
        {
            WriteHead(CborMajorType.Array, (ulong)count);
        }

        public void WriteMapHeader(int count)
        {
            WriteHead(CborMajorType.Map, (ulong)count);
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            WriteHead(CborMajorType.ByteString, (ulong)count);
            if (!Reserve(count))
            {
                return;
            }

            Array.Copy(data, offset, _buffer, _position, count);
            _position += count;
        }

        /// <summary>Writes a text string, converting UTF-16 to UTF-8 by hand (the device has no Encoding).</summary>
        public void WriteText(string text)
        {
            int length = text.Length;
            WriteHead(CborMajorType.TextString, (ulong)Utf8.ByteCount(text, 0, length));
            if (!Overflowed)
            {
                WriteUtf8(text, null, 0, length);
            }
        }

        public void WriteText(char[] chars, int offset, int count)
        {
            WriteHead(CborMajorType.TextString, (ulong)Utf8.ByteCount(chars, offset, count));
            if (!Overflowed)
            {
                WriteUtf8(null, chars, offset, count);
            }
        }

        /// <summary>
        /// Starts an array whose length is known only after its items are written: a one-byte
        /// head is reserved and <see cref="EndArray"/> fixes it. Returns the head's position.
        /// </summary>
        public int BeginArray()
        {
            int at = _position;
            WriteByte(0);
            return at;
        }

        public int BeginMap()
        {
            return BeginArray();
        }

        public void EndArray(int headPosition, int count)
        {
            PatchHead(headPosition, CborMajorType.Array, count);
        }

        public void EndMap(int headPosition, int count)
        {
            PatchHead(headPosition, CborMajorType.Map, count);
        }

        /// <summary>Bytes the shortest head for <paramref name="argument"/> takes: 1, 2, 3, 5 or 9.</summary>
        public static int HeadSize(ulong argument)
        {
            if (argument < 24)
            {
                return 1;
            }

            if (argument <= 0xFF)
            {
                return 2;
            }

            if (argument <= 0xFFFF)
            {
                return 3;
            }

            return argument <= 0xFFFFFFFFUL ? 5 : 9;
        }

        /// <summary>Bytes <see cref="WriteInt"/> takes for <paramref name="value"/>.</summary>
        public static int IntSize(long value)
        {
            return HeadSize(value >= 0 ? (ulong)value : (ulong)(-1 - value));
        }

        public void WriteHead(int majorType, ulong argument)
        {
            int size = HeadSize(argument);
            if (!Reserve(size))
            {
                return;
            }

            byte major = (byte)(majorType << 5);
            if (size == 1)
            {
                _buffer[_position++] = (byte)(major | (int)argument);
                return;
            }

            int extraBytes = size - 1;
            // Additional information 24..27 announces 1, 2, 4 or 8 following bytes.
            int info = extraBytes == 1 ? 24 : extraBytes == 2 ? 25 : extraBytes == 4 ? 26 : 27;
            _buffer[_position++] = (byte)(major | info);
            for (int shift = (extraBytes - 1) * 8; shift >= 0; shift -= 8)
            {
                _buffer[_position++] = (byte)(argument >> shift);
            }
        }

        private void PatchHead(int headPosition, int majorType, int count)
        {
            if (Overflowed)
            {
                return;
            }

            int size = HeadSize((ulong)count);
            if (size > 1)
            {
                // The reserved byte is too small: move the items up to make room for a longer head.
                int grow = size - 1;
                if (!Reserve(grow))
                {
                    return;
                }

                // Backwards, byte by byte: the ranges overlap, and the device's Array.Copy is not promised to handle that.
                for (int i = _position - 1; i > headPosition; i--)
                {
                    _buffer[i + grow] = _buffer[i];
                }

                _position += grow;
            }

            int end = _position;
            _position = headPosition;
            WriteHead(majorType, (ulong)count);
            _position = end;
        }

        private void WriteUtf8(string? text, char[]? chars, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int c = text != null ? text[i] : chars![i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end)
                {
                    int low = text != null ? text[i + 1] : chars![i + 1];
                    if (low >= 0xDC00 && low <= 0xDFFF)
                    {
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        i++;
                    }
                }

                WriteCodePoint(c);
            }
        }

        private void WriteCodePoint(int c)
        {
            if (c >= 0xD800 && c <= 0xDFFF)
            {
                // A lone surrogate has no UTF-8 form; send the replacement character, as .NET does.
                c = 0xFFFD;
            }

            int size = Utf8.SizeOf(c);
            if (!Reserve(size))
            {
                return;
            }

            if (size == 1)
            {
                _buffer[_position++] = (byte)c;
            }
            else if (size == 2)
            {
                _buffer[_position++] = (byte)(0xC0 | (c >> 6));
                _buffer[_position++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (size == 3)
            {
                _buffer[_position++] = (byte)(0xE0 | (c >> 12));
                _buffer[_position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                _buffer[_position++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                _buffer[_position++] = (byte)(0xF0 | (c >> 18));
                _buffer[_position++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                _buffer[_position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                _buffer[_position++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        private void WriteByte(byte value)
        {
            if (Reserve(1))
            {
                _buffer[_position++] = value;
            }
        }

        private bool Reserve(int count)
        {
            if (Overflowed)
            {
                return false;
            }

            if (count > _limit - _position)
            {
                Overflowed = true;
                return false;
            }

            return true;
        }
    }
}
