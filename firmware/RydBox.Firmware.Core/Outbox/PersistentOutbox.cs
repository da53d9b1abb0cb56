using System;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// Telemetry batches and events waiting for the broker, kept in the box's persistent store so
    /// that neither a dead link nor a reboot loses them. One key per entry, named by a slot number
    /// that only grows, so the order survives a reboot. Bounded: appending to a full outbox drops
    /// the oldest entries and counts them; the count is persisted until it is taken for reporting.
    /// An entry leaves only when the broker acknowledged it (<see cref="RemoveOldest"/>).
    /// Thread-safe: the sampling thread appends while the uplink thread drains.
    /// </summary>
    public sealed class PersistentOutbox
    {
        private readonly object _lock = new object();
        private readonly IKeyValueStore _store;
        private readonly int _capacityBytes;
        private readonly int _maxPayloadBytes;
        private readonly OutboxIndex _index;
        private readonly DurableCounter _dropped;
        private readonly byte[] _record;
        private readonly char[] _keyScratch = OutboxKeys.NewScratch();
        private long _nextSlot = 1;
        private long _oldestKeySlot = -1;
        private string _oldestKey = string.Empty;

        /// <summary>Opens the outbox and recovers what the store holds (see <see cref="CorruptEntriesDiscarded"/>).</summary>
        public PersistentOutbox(IKeyValueStore store, OutboxOptions options)
        {
            if (options.MaxPayloadBytes < 1 || options.MaxEntries < 1 ||
                options.CapacityBytes < OutboxRecord.HeaderLength + options.MaxPayloadBytes)
            {
                throw new ArgumentOutOfRangeException("options", "capacity must hold at least one entry of the largest payload");
            }

            _store = store;
            _capacityBytes = options.CapacityBytes;
            _maxPayloadBytes = options.MaxPayloadBytes;
            _index = new OutboxIndex(options.MaxEntries);
            _record = new byte[OutboxRecord.HeaderLength + options.MaxPayloadBytes];
            _dropped = new DurableCounter(store, OutboxKeys.DroppedA, OutboxKeys.DroppedB);
            Recover();
        }

        public int MaxPayloadBytes
        {
            get { return _maxPayloadBytes; }
        }

        public int CapacityBytes
        {
            get { return _capacityBytes; }
        }

        public int Count
        {
            get { lock (_lock) { return _index.Count; } }
        }

        /// <summary>Bytes stored, headers included.</summary>
        public int StoredBytes
        {
            get { lock (_lock) { return _index.StoredBytes; } }
        }

        /// <summary>Entries dropped to make room and not yet taken by <see cref="TakeDroppedCount"/>; survives reboots.</summary>
        public long PendingDroppedCount
        {
            get { lock (_lock) { return _dropped.Value; } }
        }

        /// <summary>Entries dropped to make room since this outbox was opened.</summary>
        public long DroppedSinceStart { get; private set; }

        /// <summary>Entries found torn or garbled (at start-up or when read) and deleted.</summary>
        public int CorruptEntriesDiscarded { get; private set; }

        /// <summary>Store operations that threw (disk full, flash worn out).</summary>
        public int StoreFailures { get; private set; }

        /// <summary>Highest sequence appended or recovered since opening; 0 when none.</summary>
        public long HighestSequence { get; private set; }

        /// <summary>
        /// Stores one entry, dropping the oldest ones when the outbox is full. False (nothing stored)
        /// when the payload exceeds <see cref="MaxPayloadBytes"/>, the kind is unknown, or the store failed.
        /// </summary>
        public bool Append(OutboxEntryKind kind, long sequence, byte[] payload, int offset, int count)
        {
            if ((kind != OutboxEntryKind.Telemetry && kind != OutboxEntryKind.Event) ||
                count < 0 || count > _maxPayloadBytes || offset < 0 || offset + count > payload.Length)
            {
                return false;
            }

            int size = OutboxRecord.HeaderLength + count;
            lock (_lock)
            {
                MakeRoomFor(size);
                Array.Copy(payload, offset, _record, OutboxRecord.HeaderLength, count);
                OutboxRecord.WriteHeader(_record, kind, sequence, count);
                try
                {
                    _store.Write(OutboxKeys.ForSlot(_nextSlot, _keyScratch), _record, 0, size);
                }
                catch (Exception)
                {
                    // The slot is not advanced: the next append overwrites whatever part was
                    // written, and a reboot before that discards it as torn.
                    StoreFailures++;
                    return false;
                }

                _index.AddNewest(_nextSlot, sequence, size);
                _nextSlot++;
                if (sequence > HighestSequence)
                {
                    HighestSequence = sequence;
                }

                return true;
            }
        }

        /// <summary>
        /// Reads the oldest entry into <paramref name="into"/> (created with <see cref="MaxPayloadBytes"/>)
        /// without removing it. An entry that no longer reads back intact is deleted and the next is tried.
        /// </summary>
        public bool TryPeekOldest(OutboxEntry into)
        {
            lock (_lock)
            {
                while (_index.Count > 0)
                {
                    int size = _index.OldestSize;
                    if (size > into.Buffer.Length)
                    {
                        return false;
                    }

                    string key = OldestKey();
                    int read;
                    try
                    {
                        read = _store.Read(key, into.Buffer, 0, size);
                    }
                    catch (Exception)
                    {
                        StoreFailures++;
                        return false;
                    }

                    if (read == size && OutboxRecord.IsIntact(into.Buffer, size))
                    {
                        into.Kind = OutboxRecord.Kind(into.Buffer);
                        into.Sequence = OutboxRecord.Sequence(into.Buffer);
                        into.PayloadLength = size - OutboxRecord.HeaderLength;
                        return true;
                    }

                    CorruptEntriesDiscarded++;
                    DeleteOldest();
                }

                return false;
            }
        }

        /// <summary>
        /// Forgets the oldest entry once the broker acknowledged it. False when the oldest entry is no
        /// longer the one with <paramref name="sequence"/> (it was dropped to make room meanwhile).
        /// </summary>
        public bool RemoveOldest(long sequence)
        {
            lock (_lock)
            {
                if (_index.Count == 0 || _index.OldestSequence != sequence)
                {
                    return false;
                }

                DeleteOldest();
                return true;
            }
        }

        /// <summary>
        /// Hands out the number of entries dropped since the last call and resets it, for the runtime to
        /// report as an event. Until taken, the count is kept in the store across reboots.
        /// </summary>
        public long TakeDroppedCount()
        {
            lock (_lock)
            {
                long dropped = _dropped.Value;
                if (dropped != 0 && !_dropped.Write(0))
                {
                    StoreFailures++;
                }

                return dropped;
            }
        }

        private void MakeRoomFor(int size)
        {
            int drop = 0;
            int bytes = _index.StoredBytes;
            int count = _index.Count;
            while (count > 0 && (count == _index.Capacity || bytes + size > _capacityBytes))
            {
                bytes -= _index.SizeFromOldest(drop);
                count--;
                drop++;
            }

            if (drop == 0)
            {
                return;
            }

            // The count is stored before the entries go: a reboot in between over-reports by the few
            // entries not yet deleted, rather than silently losing the news that data was dropped.
            if (!_dropped.Write(_dropped.Value + drop))
            {
                StoreFailures++;
            }

            DroppedSinceStart += drop;
            for (int i = 0; i < drop; i++)
            {
                DeleteOldest();
            }
        }

        private void DeleteOldest()
        {
            string key = OldestKey();
            _index.RemoveOldest();
            try
            {
                _store.Delete(key);
            }
            catch (Exception)
            {
                // Left behind, it is replayed after a reboot; the gateway dedupes by sequence.
                StoreFailures++;
            }
        }

        /// <summary>The oldest entry's key, built once per entry rather than on every peek.</summary>
        private string OldestKey()
        {
            long slot = _index.OldestSlot;
            if (slot != _oldestKeySlot)
            {
                _oldestKey = OutboxKeys.ForSlot(slot, _keyScratch);
                _oldestKeySlot = slot;
            }

            return _oldestKey;
        }

        private void Recover()
        {
            long[] slots = FindEntrySlots();
            SlotSort.Ascending(slots, slots.Length);
            for (int i = 0; i < slots.Length; i++)
            {
                long slot = slots[i];
                string key = OutboxKeys.ForSlot(slot, _keyScratch);
                int size = ReadIntact(key);
                if (size < 0)
                {
                    CorruptEntriesDiscarded++;
                    TryDelete(key);
                }
                else
                {
                    MakeRoomFor(size);
                    long sequence = OutboxRecord.Sequence(_record);
                    _index.AddNewest(slot, sequence, size);
                    if (sequence > HighestSequence)
                    {
                        HighestSequence = sequence;
                    }
                }

                _nextSlot = slot + 1;
            }
        }

        private long[] FindEntrySlots()
        {
            string[] keys;
            try
            {
                keys = _store.Keys();
            }
            catch (Exception)
            {
                StoreFailures++;
                return new long[0];
            }

            int count = 0;
            long slot;
            for (int i = 0; i < keys.Length; i++)
            {
                if (OutboxKeys.TryParseSlot(keys[i], out slot))
                {
                    count++;
                }
            }

            var slots = new long[count];
            count = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (OutboxKeys.TryParseSlot(keys[i], out slot))
                {
                    slots[count++] = slot;
                }
            }

            return slots;
        }

        /// <summary>Reads <paramref name="key"/> into the record buffer; its size when intact, else -1.</summary>
        private int ReadIntact(string key)
        {
            try
            {
                int size = _store.Length(key);
                if (size < OutboxRecord.HeaderLength || size > _record.Length ||
                    _store.Read(key, _record, 0, size) != size)
                {
                    return -1;
                }

                return OutboxRecord.IsIntact(_record, size) ? size : -1;
            }
            catch (Exception)
            {
                StoreFailures++;
                return -1;
            }
        }

        private void TryDelete(string key)
        {
            try
            {
                _store.Delete(key);
            }
            catch (Exception)
            {
                StoreFailures++;
            }
        }
    }
}
