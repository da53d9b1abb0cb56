namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Encodes a <see cref="BoxStatus"/> as a v1 status payload:
    /// {0: version, 1: online, 2: firmware version, ?3: unix ms, ?4: VIN, ?5: OBD protocol, ?6: supported PIDs bitmap}.
    /// Entries the box does not know are left out. Allocation-free.
    /// </summary>
    public sealed class StatusEncoder
    {
        /// <summary>Longest firmware version, VIN or protocol name in UTF-8 bytes.</summary>
        public const int MaxTextBytes = 64;

        public const int NothingToEncode = 0;
        public const int DoesNotFit = -1;

        /// <summary>
        /// The offline status as the last will carries it: the CBOR text "offline". All its bytes are
        /// ASCII, because some MQTT clients (nanoFramework's M2Mqtt) can register a will only as text.
        /// </summary>
        public const string OfflineText = "offline";

        private readonly CborWriter _writer = new CborWriter();

        /// <summary>Writes the offline status (<see cref="OfflineText"/>); returns its length or <see cref="DoesNotFit"/>.</summary>
        public int EncodeOffline(byte[] into)
        {
            _writer.Reset(into);
            _writer.WriteText(OfflineText);
            return _writer.Overflowed ? DoesNotFit : _writer.Length;
        }

        public int Encode(BoxStatus status, byte[] into)
        {
            if (status == null || into == null || status.FirmwareVersion == null
                || TooLong(status.FirmwareVersion) || TooLong(status.Vin) || TooLong(status.Protocol))
            {
                return NothingToEncode;
            }

            int pidBytes = status.SupportedPidLength;
            CborWriter w = _writer;
            w.Reset(into);
            w.WriteMapHeader(3 + (status.HasTime ? 1 : 0) + (status.Vin != null ? 1 : 0)
                + (status.Protocol != null ? 1 : 0) + (pidBytes > 0 ? 1 : 0));
            w.WriteInt(WireKeys.Version);
            w.WriteInt(WireKeys.CurrentVersion);
            w.WriteInt(StatusKeys.Online);
            w.WriteBool(status.Online);
            w.WriteInt(StatusKeys.FirmwareVersion);
            w.WriteText(status.FirmwareVersion);
            if (status.HasTime)
            {
                w.WriteInt(StatusKeys.Time);
                w.WriteInt(status.UnixMilliseconds);
            }

            if (status.Vin != null)
            {
                w.WriteInt(StatusKeys.Vin);
                w.WriteText(status.Vin);
            }

            if (status.Protocol != null)
            {
                w.WriteInt(StatusKeys.Protocol);
                w.WriteText(status.Protocol);
            }

            if (pidBytes > 0)
            {
                w.WriteInt(StatusKeys.SupportedPids);
                w.WriteBytes(status.SupportedPids, 0, pidBytes);
            }

            return w.Overflowed ? DoesNotFit : w.Length;
        }

        private static bool TooLong(string? text)
        {
            return text != null && Utf8.ByteCount(text, 0, text.Length) > MaxTextBytes;
        }
    }
}
