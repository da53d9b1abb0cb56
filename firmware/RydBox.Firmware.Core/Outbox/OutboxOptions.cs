namespace RydBox.Firmware.Outbox
{
    /// <summary>Bounds of the persistent outbox. Each stored entry costs a 20-byte header on top of its payload.</summary>
    public sealed class OutboxOptions
    {
        public const int DefaultCapacityBytes = 256 * 1024;
        public const int DefaultMaxEntries = 512;
        public const int DefaultMaxPayloadBytes = 4096;

        /// <summary>Total stored bytes (headers included); appending beyond it drops the oldest entries.</summary>
        public int CapacityBytes = DefaultCapacityBytes;

        /// <summary>
        /// Entries tracked in RAM (20 bytes each); appending beyond it also drops the oldest. Keeps
        /// the index small when entries are tiny (events).
        /// </summary>
        public int MaxEntries = DefaultMaxEntries;

        /// <summary>Largest payload accepted; sizes the two record buffers (writer and reader).</summary>
        public int MaxPayloadBytes = DefaultMaxPayloadBytes;
    }
}
