namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// One entry read back from the outbox. The reader keeps one instance and reuses it; the
    /// payload sits in <see cref="Buffer"/> behind the stored header, so peeking copies nothing.
    /// </summary>
    public sealed class OutboxEntry
    {
        private readonly byte[] _buffer;

        /// <summary>Room for payloads up to <paramref name="maxPayloadBytes"/>: use the outbox's <see cref="PersistentOutbox.MaxPayloadBytes"/>.</summary>
        public OutboxEntry(int maxPayloadBytes)
        {
            _buffer = new byte[OutboxRecord.HeaderLength + maxPayloadBytes];
        }

        public OutboxEntryKind Kind { get; internal set; }

        public long Sequence { get; internal set; }

        /// <summary>The stored record; the payload starts at <see cref="PayloadOffset"/>.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int PayloadOffset
        {
            get { return OutboxRecord.HeaderLength; }
        }

        public int PayloadLength { get; internal set; }
    }
}
