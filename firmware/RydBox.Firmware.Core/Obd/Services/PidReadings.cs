using RydBox.Firmware.Obd.Pids;

namespace RydBox.Firmware.Obd.Services
{
    /// <summary>
    /// Decoded mode 01 values from one polling pass, in preallocated parallel arrays so that a
    /// steady polling loop allocates nothing.
    /// </summary>
    public sealed class PidReadings
    {
        private readonly uint[] _ecuIds;
        private readonly byte[] _pids;
        private readonly PidSignal[] _signals;
        private readonly long[] _rawValues;

        public PidReadings(int capacity)
        {
            _ecuIds = new uint[capacity];
            _pids = new byte[capacity];
            _signals = new PidSignal[capacity];
            _rawValues = new long[capacity];
        }

        public int Count;

        /// <summary>Requests that failed (timeout, bus error, garbled answer) during the pass.</summary>
        public int FailedRequests;

        /// <summary>Set when the pass produced more values than fit; the rest were dropped.</summary>
        public bool Overflowed;

        public uint EcuIdAt(int index)
        {
            return _ecuIds[index];
        }

        public byte PidAt(int index)
        {
            return _pids[index];
        }

        public PidSignal SignalAt(int index)
        {
            return _signals[index];
        }

        public double ValueAt(int index)
        {
            return _signals[index].Scale(_rawValues[index]);
        }

        /// <summary>The unscaled integer behind <see cref="ValueAt"/>, as the wire format sends it.</summary>
        public long RawValueAt(int index)
        {
            return _rawValues[index];
        }

        public void Clear()
        {
            Count = 0;
            FailedRequests = 0;
            Overflowed = false;
        }

        /// <summary>The first value of the signal named <paramref name="name"/>, if read.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_signals[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        internal void Add(uint ecuId, byte pid, PidSignal signal, long rawValue)
        {
            if (Count == _rawValues.Length)
            {
                Overflowed = true;
                return;
            }

            _ecuIds[Count] = ecuId;
            _pids[Count] = pid;
            _signals[Count] = signal;
            _rawValues[Count] = rawValue;
            Count++;
        }
    }
}
