using System;

namespace RydBox.Firmware.Obd
{
    /// <summary>
    /// Every ECU's answer to one request, in preallocated slots reused from request to request.
    /// </summary>
    public sealed class ObdResponseSet
    {
        public const int DefaultMaxEcus = 8;
        public const int DefaultPayloadCapacity = 256;

        private readonly EcuResponse[] _slots;

        public ObdResponseSet()
            : this(DefaultMaxEcus, DefaultPayloadCapacity)
        {
        }

        public ObdResponseSet(int maxEcus, int payloadCapacity)
        {
            _slots = new EcuResponse[maxEcus];
            for (int i = 0; i < maxEcus; i++)
            {
                _slots[i] = new EcuResponse(payloadCapacity);
            }
        }

        public ObdStatus Status;

        /// <summary>Number of ECUs that answered.</summary>
        public int Count;

        /// <summary>True when more ECUs answered than there are slots; the extra answers were dropped.</summary>
        public bool Overflowed;

        public EcuResponse this[int index]
        {
            get { return _slots[index]; }
        }

        public void Reset()
        {
            Status = ObdStatus.NoData;
            Count = 0;
            Overflowed = false;
        }

        /// <summary>The answer of <paramref name="ecuId"/>, or null if it did not answer.</summary>
        public EcuResponse? Find(uint ecuId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_slots[i].EcuId == ecuId)
                {
                    return _slots[i];
                }
            }

            return null;
        }

        /// <summary>
        /// Takes back <paramref name="ecuId"/>'s answer when it turned out unusable (an unfinished
        /// multi-frame answer, a lone "response pending"), moving the last answer into its slot so
        /// that answers stay contiguous. Slot objects change owner: call only once reception is over.
        /// </summary>
        public void Remove(uint ecuId)
        {
            for (int i = 0; i < Count; i++)
            {
                EcuResponse slot = _slots[i];
                if (slot.EcuId != ecuId)
                {
                    continue;
                }

                EcuResponse last = _slots[Count - 1];
                if (last != slot)
                {
                    slot.EcuId = last.EcuId;
                    slot.Length = last.Length;
                    slot.Truncated = last.Truncated;
                    Array.Copy(last.Data, slot.Data, last.Length);
                }

                Count--;
                return;
            }
        }

        /// <summary>
        /// The slot of <paramref name="ecuId"/>: its existing answer, or a fresh empty slot. Returns
        /// null (and sets <see cref="Overflowed"/>) when every slot is taken by other ECUs.
        /// </summary>
        public EcuResponse? For(uint ecuId)
        {
            EcuResponse? existing = Find(ecuId);
            if (existing != null)
            {
                return existing;
            }

            if (Count == _slots.Length)
            {
                Overflowed = true;
                return null;
            }

            EcuResponse slot = _slots[Count++];
            slot.EcuId = ecuId;
            slot.Length = 0;
            slot.Truncated = false;
            return slot;
        }
    }
}
