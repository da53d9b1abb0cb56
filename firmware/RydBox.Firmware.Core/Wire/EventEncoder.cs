using RydBox.Firmware.Events;

namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Encodes a <see cref="BoxEvent"/> as a v1 event payload:
    /// {0: version, 1: sequence, 2: type, 3: unix ms, ?4: latitude E7, ?5: longitude E7, ?6: value, ?7: detail}.
    /// The position is left out without a fix, the value when it is 0, the detail when null.
    /// Allocation-free; one instance per sending thread.
    /// </summary>
    public sealed class EventEncoder
    {
        /// <summary>Longest detail text in UTF-8 bytes (the contract's limit for any text).</summary>
        public const int MaxDetailBytes = 256;

        /// <summary>Returned for a null event, a negative sequence or an over-long detail.</summary>
        public const int NothingToEncode = 0;

        public const int DoesNotFit = -1;

        private readonly CborWriter _writer = new CborWriter();

        public int Encode(BoxEvent e, long sequence, byte[] into)
        {
            if (e == null || into == null || sequence < 0
                || (e.Detail != null && Utf8.ByteCount(e.Detail, 0, e.Detail.Length) > MaxDetailBytes))
            {
                return NothingToEncode;
            }

            bool hasValue = e.Value != 0;
            bool hasDetail = e.Detail != null;
            CborWriter w = _writer;
            w.Reset(into);
            w.WriteMapHeader(4 + (e.HasPosition ? 2 : 0) + (hasValue ? 1 : 0) + (hasDetail ? 1 : 0));
            w.WriteInt(WireKeys.Version);
            w.WriteInt(WireKeys.CurrentVersion);
            w.WriteInt(WireKeys.Sequence);
            w.WriteInt(sequence);
            w.WriteInt(EventKeys.Type);
            w.WriteInt((int)e.Type);
            w.WriteInt(EventKeys.Time);
            w.WriteInt(e.UnixMilliseconds);
            if (e.HasPosition)
            {
                w.WriteInt(EventKeys.LatitudeE7);
                w.WriteInt(e.LatitudeE7);
                w.WriteInt(EventKeys.LongitudeE7);
                w.WriteInt(e.LongitudeE7);
            }

            if (hasValue)
            {
                w.WriteInt(EventKeys.Value);
                w.WriteInt(e.Value);
            }

            if (hasDetail)
            {
                w.WriteInt(EventKeys.Detail);
                w.WriteText(e.Detail!);
            }

            return w.Overflowed ? DoesNotFit : w.Length;
        }
    }
}
