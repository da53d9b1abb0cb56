using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>Removes an answer from an <see cref="ObdResponseSet"/>, which only knows how to add.</summary>
    internal static class ResponseSetEditing
    {
        /// <summary>Moves every later answer one slot down over <paramref name="index"/>.</summary>
        public static void RemoveAt(ObdResponseSet set, int index)
        {
            for (int i = index; i < set.Count - 1; i++)
            {
                EcuResponse to = set[i];
                EcuResponse from = set[i + 1];
                to.EcuId = from.EcuId;
                to.Truncated = from.Truncated;
                int length = from.Length < to.Data.Length ? from.Length : to.Data.Length;
                for (int b = 0; b < length; b++)
                {
                    to.Data[b] = from.Data[b];
                }

                to.Length = length;
            }

            set.Count--;
        }

        /// <summary>Keeps only the answer of <paramref name="ecuId"/>.</summary>
        public static void KeepOnly(ObdResponseSet set, uint ecuId)
        {
            for (int i = set.Count - 1; i >= 0; i--)
            {
                if (set[i].EcuId != ecuId)
                {
                    RemoveAt(set, i);
                }
            }
        }
    }
}
