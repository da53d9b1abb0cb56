namespace RydBox.Firmware.Obd.Services
{
    /// <summary>The emission-related ECUs found on the vehicle, each with its supported PIDs.</summary>
    public sealed class VehicleEcus
    {
        private readonly SupportedPids[] _ecus;

        public VehicleEcus(int maxEcus)
        {
            _ecus = new SupportedPids[maxEcus];
            for (int i = 0; i < maxEcus; i++)
            {
                _ecus[i] = new SupportedPids();
            }
        }

        public int Count;

        public SupportedPids this[int index]
        {
            get { return _ecus[index]; }
        }

        public void Clear()
        {
            Count = 0;
        }

        public SupportedPids? Find(uint ecuId)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_ecus[i].EcuId == ecuId)
                {
                    return _ecus[i];
                }
            }

            return null;
        }

        /// <summary>The ECU's entry, added when new; null when the list is full.</summary>
        public SupportedPids? For(uint ecuId)
        {
            SupportedPids? existing = Find(ecuId);
            if (existing != null || Count == _ecus.Length)
            {
                return existing;
            }

            SupportedPids added = _ecus[Count++];
            added.Clear();
            added.EcuId = ecuId;
            return added;
        }

        /// <summary>How many ECUs report <paramref name="pid"/> as supported.</summary>
        public int CountSupporting(int pid)
        {
            int count = 0;
            for (int i = 0; i < Count; i++)
            {
                if (_ecus[i].IsSupported(pid))
                {
                    count++;
                }
            }

            return count;
        }
    }
}
