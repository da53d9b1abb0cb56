using RydBox.Firmware.Obd.Dtc;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// DTC set/cleared: compares each complete read of the stored codes with the previous one and
    /// emits one event per code that appeared (DtcSet) or went away (DtcCleared), whichever ECU
    /// reports it. Detail holds the code ("P0301"), Value the reporting ECU's id. The code text is
    /// made only when an event fires; an unchanged read allocates nothing.
    /// </summary>
    public sealed class DtcChangeDetector
    {
        private readonly bool _reportCodesAtFirstRead;
        private readonly BoxEventQueue _sink;
        private readonly ushort[] _previous;
        private readonly uint[] _previousEcus;
        private readonly ushort[] _current;
        private readonly uint[] _currentEcus;
        private int _previousCount;
        private bool _hasPrevious;

        /// <param name="capacity">Distinct codes remembered; more are ignored.</param>
        /// <param name="reportCodesAtFirstRead">
        /// True: the codes of the first read after start are reported as set. The box keeps no state
        /// across reboots, so the gateway (which knows what it was told before) decides what is new;
        /// without this a fault already present when the box was fitted would never be told.
        /// </param>
        public DtcChangeDetector(int capacity, bool reportCodesAtFirstRead, BoxEventQueue sink)
        {
            _previous = new ushort[capacity];
            _previousEcus = new uint[capacity];
            _current = new ushort[capacity];
            _currentEcus = new uint[capacity];
            _reportCodesAtFirstRead = reportCodesAtFirstRead;
            _sink = sink;
        }

        /// <summary>
        /// Compares <paramref name="codes"/> with the previous read. A read that was not complete
        /// (<paramref name="readOk"/> false, malformed answers, overflow) is ignored: it cannot tell
        /// that a code was cleared.
        /// </summary>
        public void Update(long nowMs, bool readOk, TroubleCodes codes)
        {
            if (!readOk || codes.Overflowed || codes.MalformedAnswers > 0)
            {
                return;
            }

            int count = CollectDistinct(codes);
            if (_hasPrevious || _reportCodesAtFirstRead)
            {
                ReportDifferences(nowMs, _current, _currentEcus, count, _previous, _previousCount, BoxEventType.DtcSet);
                ReportDifferences(nowMs, _previous, _previousEcus, _previousCount, _current, count, BoxEventType.DtcCleared);
            }

            for (int i = 0; i < count; i++)
            {
                _previous[i] = _current[i];
                _previousEcus[i] = _currentEcus[i];
            }

            _previousCount = count;
            _hasPrevious = true;
        }

        private int CollectDistinct(TroubleCodes codes)
        {
            int count = 0;
            for (int i = 0; i < codes.Count && count < _current.Length; i++)
            {
                ushort raw = codes.RawAt(i);
                if (IndexOf(_current, count, raw) < 0)
                {
                    _current[count] = raw;
                    _currentEcus[count] = codes.EcuAt(i);
                    count++;
                }
            }

            return count;
        }

        private void ReportDifferences(long nowMs, ushort[] codes, uint[] ecus, int count, ushort[] others, int otherCount, BoxEventType type)
        {
            for (int i = 0; i < count; i++)
            {
                if (IndexOf(others, otherCount, codes[i]) < 0)
                {
                    _sink.Emit(type, nowMs, ecus[i], DtcCode.ToText(codes[i]));
                }
            }
        }

        private static int IndexOf(ushort[] codes, int count, ushort raw)
        {
            for (int i = 0; i < count; i++)
            {
                if (codes[i] == raw)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
