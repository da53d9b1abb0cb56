using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Sampling
{
    /// <summary>
    /// Which mode 01 PIDs to poll in which cycle: the tier table resolved to PIDs once, then, for
    /// each vehicle, kept to the PIDs some ECU supports, as one byte array per tier. A PID named in
    /// several rows goes to its fastest tier. Every tier is due in cycle 0, so the first row of a
    /// drive has every signal.
    /// </summary>
    public sealed class PollPlan
    {
        private static readonly byte[] None = new byte[0];

        private readonly int[] _rowPids;
        private readonly SignalTier[] _rowTiers;
        private readonly int _mediumEvery;
        private readonly int _slowEvery;
        private byte[] _fast = None;
        private byte[] _medium = None;
        private byte[] _slow = None;

        public PollPlan(TierRow[] table, int mediumEveryCycles, int slowEveryCycles)
        {
            _rowPids = new int[table.Length];
            _rowTiers = new SignalTier[table.Length];
            for (int i = 0; i < table.Length; i++)
            {
                _rowPids[i] = PidOf(table[i].Signal);
                _rowTiers[i] = table[i].Tier;
                if (_rowPids[i] < 0)
                {
                    UnknownSignals++;
                }
            }

            _mediumEvery = mediumEveryCycles < 1 ? 1 : mediumEveryCycles;
            _slowEvery = slowEveryCycles < 1 ? 1 : slowEveryCycles;
        }

        /// <summary>Rows whose signal the PID table does not know; they are never polled.</summary>
        public int UnknownSignals { get; }

        /// <summary>The most PIDs one cycle can ask for: the size of the buffer for <see cref="CollectDue"/>.</summary>
        public int MaxPids
        {
            get { return _rowPids.Length; }
        }

        /// <summary>True until <see cref="Build"/> found a supported PID.</summary>
        public bool IsEmpty
        {
            get { return _fast.Length + _medium.Length + _slow.Length == 0; }
        }

        public byte[] PidsOf(SignalTier tier)
        {
            return tier == SignalTier.Fast ? _fast : tier == SignalTier.Medium ? _medium : _slow;
        }

        /// <summary>Keeps the PIDs some ECU in <paramref name="ecus"/> supports. Allocates; call after discovery.</summary>
        public void Build(VehicleEcus ecus)
        {
            _fast = Select(ecus, SignalTier.Fast);
            _medium = Select(ecus, SignalTier.Medium);
            _slow = Select(ecus, SignalTier.Slow);
        }

        /// <summary>Copies the PIDs due in cycle <paramref name="cycleIndex"/> into <paramref name="into"/> (at least <see cref="MaxPids"/> long); returns their count.</summary>
        public int CollectDue(long cycleIndex, byte[] into)
        {
            int count = Append(_fast, into, 0);
            if (cycleIndex % _mediumEvery == 0)
            {
                count = Append(_medium, into, count);
            }

            if (cycleIndex % _slowEvery == 0)
            {
                count = Append(_slow, into, count);
            }

            return count;
        }

        private byte[] Select(VehicleEcus ecus, SignalTier tier)
        {
            byte[] chosen = new byte[_rowPids.Length];
            int count = 0;
            for (int i = 0; i < _rowPids.Length; i++)
            {
                int pid = _rowPids[i];
                if (pid >= 0 && _rowTiers[i] == tier && FastestTierOf(pid) == tier && ecus.CountSupporting(pid) > 0
                    && IndexOf(chosen, count, (byte)pid) < 0)
                {
                    chosen[count++] = (byte)pid;
                }
            }

            byte[] exact = new byte[count];
            for (int i = 0; i < count; i++)
            {
                exact[i] = chosen[i];
            }

            return exact;
        }

        private SignalTier FastestTierOf(int pid)
        {
            SignalTier fastest = SignalTier.Slow;
            for (int i = 0; i < _rowPids.Length; i++)
            {
                if (_rowPids[i] == pid && _rowTiers[i] < fastest)
                {
                    fastest = _rowTiers[i];
                }
            }

            return fastest;
        }

        private static int Append(byte[] pids, byte[] into, int at)
        {
            for (int i = 0; i < pids.Length; i++)
            {
                into[at++] = pids[i];
            }

            return at;
        }

        private static int IndexOf(byte[] pids, int count, byte pid)
        {
            for (int i = 0; i < count; i++)
            {
                if (pids[i] == pid)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The PID whose row carries a signal named <paramref name="signal"/>, or -1.</summary>
        private static int PidOf(string signal)
        {
            for (int row = 0; row < PidTable.Count; row++)
            {
                PidDefinition definition = PidTable.At(row);
                for (int s = 0; s < definition.Signals.Length; s++)
                {
                    if (definition.Signals[s].Name == signal)
                    {
                        return definition.Pid;
                    }
                }
            }

            return -1;
        }
    }
}
