using System.IO;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// Cuts the receiver's byte stream into NMEA lines in a reusable buffer. A line starts at
    /// '$' and ends at CR or LF (either alone is enough); bytes outside a line are skipped, a
    /// '$' in the middle of a line restarts it (the receiver or the UART lost bytes), and a
    /// line longer than the buffer is dropped whole. Allocates nothing after construction.
    /// </summary>
    public sealed class NmeaLineReader
    {
        private const int ChunkSize = 64;

        private readonly IByteStream _stream;
        private readonly IClock _clock;
        private readonly byte[] _chunk = new byte[ChunkSize];
        private int _chunkPosition;
        private int _chunkCount;
        private bool _inLine;
        private bool _overlong;

        public NmeaLineReader(IByteStream stream, IClock clock)
            : this(stream, clock, NmeaParser.MaxLineLength)
        {
        }

        public NmeaLineReader(IByteStream stream, IClock clock, int capacity)
        {
            _stream = stream;
            _clock = clock;
            Line = new byte[capacity];
        }

        /// <summary>The last complete line, from '$' up to but excluding CR/LF; valid until the next read.</summary>
        public readonly byte[] Line;

        /// <summary>Length of the line in <see cref="Line"/>.</summary>
        public int LineLength { get; private set; }

        /// <summary>Complete lines delivered.</summary>
        public long LinesRead { get; private set; }

        /// <summary>Lines dropped because they did not fit <see cref="Line"/>.</summary>
        public long OverlongLines { get; private set; }

        /// <summary>Partial lines abandoned because a new '$' arrived before their end.</summary>
        public long InterruptedLines { get; private set; }

        /// <summary>Bytes that arrived outside any line (noise, wrong baud rate, binary protocols).</summary>
        public long SkippedBytes { get; private set; }

        /// <summary>True once the stream has reported itself broken; the owner should reopen it.</summary>
        public bool IsDisconnected { get; private set; }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> in total for the next complete line.
        /// Returns false on timeout (a partial line is kept for the next call) or when the stream
        /// is broken (<see cref="IsDisconnected"/>).
        /// </summary>
        public bool TryReadLine(int timeoutMilliseconds)
        {
            long deadline = _clock.NowMilliseconds + timeoutMilliseconds;
            while (!IsDisconnected)
            {
                while (_chunkPosition < _chunkCount)
                {
                    if (Accept(_chunk[_chunkPosition++]))
                    {
                        LinesRead++;
                        return true;
                    }
                }

                // Past the deadline, what has already arrived is still taken: a busy or fast clock
                // may pass a zero timeout before the first look at the receive buffer.
                long remaining = deadline - _clock.NowMilliseconds;
                if (!Fill(remaining > 0 ? (int)remaining : 0))
                {
                    return false;
                }
            }

            return false;
        }

        private bool Fill(int timeoutMilliseconds)
        {
            _chunkPosition = 0;
            try
            {
                _chunkCount = _stream.Read(_chunk, 0, ChunkSize, timeoutMilliseconds);
            }
            catch (IOException)
            {
                _chunkCount = 0;
                IsDisconnected = true;
            }

            return _chunkCount > 0;
        }

        /// <summary>Takes one byte; true when it completed a line.</summary>
        private bool Accept(byte b)
        {
            if (b == (byte)'$')
            {
                if (_inLine && !_overlong)
                {
                    InterruptedLines++;
                }

                _inLine = true;
                _overlong = false;
                Line[0] = b;
                LineLength = 1;
                return false;
            }

            bool endOfLine = b == (byte)'\r' || b == (byte)'\n';
            if (!_inLine)
            {
                if (!endOfLine)
                {
                    SkippedBytes++;
                }

                return false;
            }

            if (endOfLine)
            {
                _inLine = false;
                return !_overlong;
            }

            if (_overlong)
            {
                return false;
            }

            if (LineLength == Line.Length)
            {
                _overlong = true;
                OverlongLines++;
                return false;
            }

            Line[LineLength++] = b;
            return false;
        }
    }
}
