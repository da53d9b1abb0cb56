using RydBox.Firmware.Obd.Dtc;

namespace RydBox.Firmware.Obd.Services
{
    /// <summary>Trouble codes from every ECU that answered one mode 03/07/0A request, each with its ECU.</summary>
    public sealed class TroubleCodes
    {
        private readonly ushort[] _codes;
        private readonly uint[] _ecus;

        public TroubleCodes(int capacity)
        {
            _codes = new ushort[capacity];
            _ecus = new uint[capacity];
        }

        public int Count;

        /// <summary>Set when more codes came than fit; the first ones are kept.</summary>
        public bool Overflowed;

        /// <summary>ECU answers that could not be read (wrong service, count mismatch, odd length).</summary>
        public int MalformedAnswers;

        public ushort RawAt(int index)
        {
            return _codes[index];
        }

        /// <summary>"P0301", "U0100" …</summary>
        public string CodeAt(int index)
        {
            return DtcCode.ToText(_codes[index]);
        }

        public uint EcuAt(int index)
        {
            return _ecus[index];
        }

        public void Clear()
        {
            Count = 0;
            Overflowed = false;
            MalformedAnswers = 0;
        }

        internal void AddAll(uint ecuId, DtcList codes)
        {
            for (int i = 0; i < codes.Count; i++)
            {
                if (Count == _codes.Length)
                {
                    Overflowed = true;
                    return;
                }

                _codes[Count] = codes.RawAt(i);
                _ecus[Count] = ecuId;
                Count++;
            }
        }
    }
}
