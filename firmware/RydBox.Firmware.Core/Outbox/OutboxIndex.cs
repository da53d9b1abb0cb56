namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// The outbox's view of what is stored, oldest first: slot, sequence and stored size per entry,
    /// in preallocated rings, so bounds are enforced without touching the store.
    /// Not thread-safe: the outbox serialises access.
    /// </summary>
    internal sealed class OutboxIndex
    {
        private readonly long[] _slots;
        private readonly long[] _sequences;
        private readonly int[] _sizes;
        private int _head;

        public OutboxIndex(int capacity)
        {
            _slots = new long[capacity];
            _sequences = new long[capacity];
            _sizes = new int[capacity];
        }

        public int Count { get; private set; }

        public int StoredBytes { get; private set; }

        public int Capacity
        {
            get { return _slots.Length; }
        }

        public long OldestSlot
        {
            get { return _slots[_head]; }
        }

        public long OldestSequence
        {
            get { return _sequences[_head]; }
        }

        public int OldestSize
        {
            get { return _sizes[_head]; }
        }

        /// <summary>Stored size of the entry <paramref name="position"/> places after the oldest.</summary>
        public int SizeFromOldest(int position)
        {
            return _sizes[(_head + position) % _sizes.Length];
        }

        public void AddNewest(long slot, long sequence, int size)
        {
            int tail = (_head + Count) % _slots.Length;
            _slots[tail] = slot;
            _sequences[tail] = sequence;
            _sizes[tail] = size;
            Count++;
            StoredBytes += size;
        }

        public void RemoveOldest()
        {
            StoredBytes -= _sizes[_head];
            _head = (_head + 1) % _slots.Length;
            Count--;
        }
    }
}
