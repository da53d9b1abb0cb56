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
        /// multi-frame answer, a lone "response pending"). Later answers move down a slot, keeping
        /// their order: call only once reception is over, as slot objects change owner.
        /// </summary>
        public void Remove(uint ecuId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_slots[i].EcuId == ecuId)
                {
                    RemoveAt(i);
                    return;
                }
            }
        }

        /// <summary>Keeps only the answer of <paramref name="ecuId"/> (a physical request on a shared bus).</summary>
        public void KeepOnly(uint ecuId)
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (_slots[i].EcuId != ecuId)
                {
                    RemoveAt(i);
                }
            }
        }

        public void RemoveAt(int index)
        {
            for (int i = index; i < Count - 1; i++)
            {
                EcuResponse to = _slots[i];
                EcuResponse from = _slots[i + 1];
                to.EcuId = from.EcuId;
                to.Truncated = from.Truncated;
                to.Length = from.Length < to.Data.Length ? from.Length : to.Data.Length;
                Array.Copy(from.Data, to.Data, to.Length);
            }

            Count--;
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
