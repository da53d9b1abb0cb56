using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Can
{
    /// <summary>Takes back a slot of an <see cref="ObdResponseSet"/> whose answer turned out unusable.</summary>
    internal static class ResponseSlots
    {
        /// <summary>
        /// Removes <paramref name="ecuId"/>'s answer by moving the last answer into its slot, so the
        /// set keeps its answers contiguous. Slot objects change owner: call only once reception is over.
        /// </summary>
        public static void Discard(ObdResponseSet responses, uint ecuId)
        {
            for (int i = 0; i < responses.Count; i++)
            {
                EcuResponse slot = responses[i];
                if (slot.EcuId != ecuId)
                {
                    continue;
                }

                EcuResponse last = responses[responses.Count - 1];
                if (last != slot)
                {
                    slot.EcuId = last.EcuId;
                    slot.Length = last.Length;
                    slot.Truncated = last.Truncated;
                    for (int b = 0; b < last.Length; b++)
                    {
                        slot.Data[b] = last.Data[b];
                    }
                }

                responses.Count--;
                return;
            }
        }
    }
}
