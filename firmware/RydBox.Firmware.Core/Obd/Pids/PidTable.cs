namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>
    /// The mode 01 PID table, built once at first use. Lookup by PID is an array index so the
    /// decode path neither searches nor allocates.
    /// </summary>
    public static class PidTable
    {
        private static readonly PidDefinition?[] BySlot = new PidDefinition?[256];
        private static readonly PidDefinition[] InOrder = Build();

        /// <summary>The row for <paramref name="pid"/>, or null when the table does not know it.</summary>
        public static PidDefinition? Find(int pid)
        {
            if (pid < 0 || pid > 255)
            {
                return null;
            }

            return BySlot[pid];
        }

        public static int Count
        {
            get { return InOrder.Length; }
        }

        /// <summary>Rows in ascending PID order, for 0 &lt;= index &lt; <see cref="Count"/>.</summary>
        public static PidDefinition At(int index)
        {
            return InOrder[index];
        }

        private static PidDefinition[] Build()
        {
            PidDefinition[] low = PidRows00To3F.Build();
            PidDefinition[] middle = PidRows40To7F.Build();
            PidDefinition[] high = PidRows80ToC0.Build();
            var all = new PidDefinition[low.Length + middle.Length + high.Length];
            low.CopyTo(all, 0);
            middle.CopyTo(all, low.Length);
            high.CopyTo(all, low.Length + middle.Length);
            for (int i = 0; i < all.Length; i++)
            {
                BySlot[all[i].Pid] = all[i];
            }

            return all;
        }
    }
}
