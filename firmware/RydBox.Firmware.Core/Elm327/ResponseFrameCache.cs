namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// How many frames (lines) the answers to a request took, all ECUs together,, remembered per request bytes for
    /// the ELM327 response-count suffix. A few fixed slots, replaced round-robin: the poll loop
    /// repeats a handful of requests, so a small table catches them without allocating.
    /// </summary>
    internal sealed class ResponseFrameCache
    {
        public const int Entries = 16;
        public const int MaxKeyLength = 8;

        private readonly byte[] _keys = new byte[Entries * MaxKeyLength];
        private readonly int[] _keyLengths = new int[Entries];
        private readonly int[] _frames = new int[Entries];
        private int _nextVictim;

        /// <summary>The frames learned for this request, or 0 when unknown.</summary>
        public int Lookup(byte[] request, int length)
        {
            int entry = IndexOf(request, length);
            return entry < 0 ? 0 : _frames[entry];
        }

        public void Remember(byte[] request, int length, int frames)
        {
            if (length <= 0 || length > MaxKeyLength)
            {
                return;
            }

            int entry = IndexOf(request, length);
            if (entry < 0)
            {
                entry = _nextVictim;
                _nextVictim = (_nextVictim + 1) % Entries;
                for (int i = 0; i < length; i++)
                {
                    _keys[entry * MaxKeyLength + i] = request[i];
                }

                _keyLengths[entry] = length;
            }

            _frames[entry] = frames;
        }

        public void Forget(byte[] request, int length)
        {
            int entry = IndexOf(request, length);
            if (entry >= 0)
            {
                _keyLengths[entry] = 0;
                _frames[entry] = 0;
            }
        }

        private int IndexOf(byte[] request, int length)
        {
            for (int entry = 0; entry < Entries; entry++)
            {
                if (_keyLengths[entry] != length || length == 0)
                {
                    continue;
                }

                int i = 0;
                while (i < length && _keys[entry * MaxKeyLength + i] == request[i])
                {
                    i++;
                }

                if (i == length)
                {
                    return entry;
                }
            }

            return -1;
        }
    }
}
