namespace RydBox.Firmware.Outbox
{
    /// <summary>Orders slot numbers found at start-up (no generic Array.Sort on the device).</summary>
    internal static class SlotSort
    {
        /// <summary>Shell sort: in place, no allocation, near-linear on the mostly ordered lists stores return.</summary>
        public static void Ascending(long[] slots, int count)
        {
            for (int gap = count / 2; gap > 0; gap /= 2)
            {
                for (int i = gap; i < count; i++)
                {
                    long value = slots[i];
                    int j = i;
                    while (j >= gap && slots[j - gap] > value)
                    {
                        slots[j] = slots[j - gap];
                        j -= gap;
                    }

                    slots[j] = value;
                }
            }
        }
    }
}
