using System;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// A number that survives reboots and torn writes: written alternately under two keys, each
    /// copy with a generation and a CRC. A write torn by power loss spoils only the copy being
    /// written; the other still holds the previous value.
    /// <code>
    /// 0  'R' 'C'      magic
    /// 2  version      1
    /// 3  reserved     0
    /// 4  generation   int32, +1 per write
    /// 8  value        int64
    /// 16 crc          CRC-32 over bytes 0..15
    /// </code>
    /// Not thread-safe: its owner serialises access.
    /// </summary>
    internal sealed class DurableCounter
    {
        private const int RecordLength = 20;
        private const int GenerationOffset = 4;
        private const int ValueOffset = 8;
        private const int CrcOffset = 16;

        private readonly IKeyValueStore _store;
        private readonly string _keyA;
        private readonly string _keyB;
        private readonly byte[] _record = new byte[RecordLength];
        private int _generation;
        private bool _newestIsA;

        /// <summary>Loads the newest intact copy; <see cref="Value"/> is 0 when neither copy is intact.</summary>
        public DurableCounter(IKeyValueStore store, string keyA, string keyB)
        {
            _store = store;
            _keyA = keyA;
            _keyB = keyB;

            int generationA;
            long valueA;
            int generationB;
            long valueB;
            bool hasA = TryLoad(keyA, out generationA, out valueA);
            bool hasB = TryLoad(keyB, out generationB, out valueB);
            if (hasA && (!hasB || generationA > generationB))
            {
                _newestIsA = true;
                _generation = generationA;
                Value = valueA;
            }
            else if (hasB)
            {
                _generation = generationB;
                Value = valueB;
            }
        }

        public long Value { get; private set; }

        /// <summary>
        /// Stores <paramref name="value"/> over the older copy; false when the store failed, in which
        /// case the previous value is still the one a reboot will find.
        /// </summary>
        public bool Write(long value)
        {
            int generation = _generation + 1;
            _record[0] = 0x52;
            _record[1] = 0x43;
            _record[2] = 1;
            _record[3] = 0;
            LittleEndian.WriteInt32(_record, GenerationOffset, generation);
            LittleEndian.WriteInt64(_record, ValueOffset, value);
            LittleEndian.WriteInt32(_record, CrcOffset, (int)Crc32.Compute(_record, 0, CrcOffset));
            try
            {
                _store.Write(_newestIsA ? _keyB : _keyA, _record, 0, RecordLength);
            }
            catch (Exception)
            {
                return false;
            }

            _newestIsA = !_newestIsA;
            _generation = generation;
            Value = value;
            return true;
        }

        private bool TryLoad(string key, out int generation, out long value)
        {
            generation = 0;
            value = 0;
            try
            {
                if (_store.Length(key) != RecordLength || _store.Read(key, _record, 0, RecordLength) != RecordLength)
                {
                    return false;
                }
            }
            catch (Exception)
            {
                return false;
            }

            if (_record[0] != 0x52 || _record[1] != 0x43 || _record[2] != 1 ||
                (uint)LittleEndian.ReadInt32(_record, CrcOffset) != Crc32.Compute(_record, 0, CrcOffset))
            {
                return false;
            }

            generation = LittleEndian.ReadInt32(_record, GenerationOffset);
            value = LittleEndian.ReadInt64(_record, ValueOffset);
            return true;
        }
    }
}
