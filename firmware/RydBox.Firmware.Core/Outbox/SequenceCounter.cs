using System;
using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Outbox
{
    /// <summary>
    /// The per-device sequence number every batch and event carries, strictly increasing across
    /// reboots so the gateway can store QoS 1 redeliveries and outbox replays exactly once.
    /// Numbers are reserved in blocks: the store holds "every number below R may have been issued",
    /// written once per block rather than once per message; after a reboot counting resumes at R,
    /// skipping at most one block. Thread-safe.
    /// </summary>
    public sealed class SequenceCounter
    {
        public const int DefaultReservationBlock = 256;

        private const string KeyA = "seq-a";
        private const string KeyB = "seq-b";

        private readonly object _lock = new object();
        private readonly DurableCounter _reservation;
        private readonly int _block;
        private long _next;

        public SequenceCounter(IKeyValueStore store)
            : this(store, DefaultReservationBlock)
        {
        }

        public SequenceCounter(IKeyValueStore store, int reservationBlock)
        {
            if (reservationBlock < 1)
            {
                throw new ArgumentOutOfRangeException("reservationBlock");
            }

            _block = reservationBlock;
            _reservation = new DurableCounter(store, KeyA, KeyB);
            _next = _reservation.Value < 1 ? 1 : _reservation.Value;
        }

        /// <summary>Times the reservation could not be stored; the numbers were issued anyway (see <see cref="Next"/>).</summary>
        public int PersistFailures { get; private set; }

        /// <summary>
        /// The next number. When the reservation cannot be stored the number is still issued (the
        /// box must keep recording) and the write is retried on the next call; only a reboot before
        /// a successful write could then repeat numbers.
        /// </summary>
        public long Next()
        {
            lock (_lock)
            {
                if (_next >= _reservation.Value && !_reservation.Write(_next + _block))
                {
                    PersistFailures++;
                }

                return _next++;
            }
        }

        /// <summary>Makes sure later numbers exceed <paramref name="sequence"/> (e.g. the newest one found in the outbox).</summary>
        public void AdvancePast(long sequence)
        {
            lock (_lock)
            {
                if (sequence >= _next)
                {
                    _next = sequence + 1;
                }
            }
        }
    }
}
