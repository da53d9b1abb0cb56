namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>One row of the mode 01 PID table.</summary>
    public sealed class PidDefinition
    {
        private static readonly PidSignal[] NoSignals = new PidSignal[0];

        public PidDefinition(byte pid, string description, int byteCount, PidSignal[]? signals)
        {
            Pid = pid;
            Description = description;
            ByteCount = byteCount;
            Signals = signals ?? NoSignals;
        }

        public byte Pid { get; }

        public string Description { get; }

        /// <summary>
        /// Data bytes after the PID byte. Known even for PIDs without numeric signals, so a
        /// multi-PID response can be walked past them.
        /// </summary>
        public int ByteCount { get; }

        /// <summary>Empty for the "PIDs supported" bitmaps and for PIDs kept only for their length.</summary>
        public PidSignal[] Signals { get; }
    }
}
