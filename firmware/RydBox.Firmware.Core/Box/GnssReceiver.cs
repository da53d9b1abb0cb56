using RydBox.Firmware.Gnss;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// Keeps the latest GNSS statement from an NMEA stream. The sampling loop drains the stream
    /// often (between cycles), so the fix a cycle sees is at most a fraction of a second old.
    /// </summary>
    public sealed class GnssReceiver
    {
        private readonly NmeaLineReader _reader;
        private readonly NmeaParser _parser = new NmeaParser();
        private readonly GnssFix _latest = new GnssFix();
        private readonly GnssFix _snapshot = new GnssFix();
        private readonly IClock _clock;
        private readonly long _silentAfterMs;
        private long _lastSentenceMs;
        private bool _heard;

        public GnssReceiver(IByteStream stream, IClock clock, long silentAfterMs)
        {
            _reader = new NmeaLineReader(stream, clock);
            _clock = clock;
            _silentAfterMs = silentAfterMs;
        }

        public long Sentences { get; private set; }

        /// <summary>Lines that were not usable NMEA (bad checksum, garbage, unsupported).</summary>
        public long RejectedLines { get; private set; }

        /// <summary>Reads every complete line waiting in the stream without blocking.</summary>
        public void Drain()
        {
            while (_reader.TryReadLine(0))
            {
                if (_parser.Parse(_reader.Line, 0, _reader.LineLength, _latest) == NmeaResult.Ok)
                {
                    Sentences++;
                    _heard = true;
                    _lastSentenceMs = _clock.NowMilliseconds;
                }
                else
                {
                    RejectedLines++;
                }
            }
        }

        /// <summary>A stable copy of the latest statement, or null when the receiver is silent.</summary>
        public GnssFix? Snapshot()
        {
            if (!_heard || _clock.NowMilliseconds - _lastSentenceMs > _silentAfterMs)
            {
                return null;
            }

            _snapshot.CopyFrom(_latest);
            return _snapshot;
        }
    }
}
