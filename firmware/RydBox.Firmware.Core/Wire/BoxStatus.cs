using RydBox.Firmware.Obd.Services;

namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// What the box publishes, retained, on its status topic. The same object describes the
    /// online status and the offline one the broker sends as the last will; preallocated and reused.
    /// </summary>
    public sealed class BoxStatus
    {
        /// <summary>Bytes of the supported-PID bitmap: one bit per mode 01 PID 00..FF.</summary>
        public const int SupportedPidBytes = 32;

        private readonly byte[] _supportedPids = new byte[SupportedPidBytes];

        public bool Online;

        public string FirmwareVersion = "";

        /// <summary>Null while the VIN is unknown (not read yet, or the vehicle does not report one).</summary>
        public string? Vin;

        /// <summary>The OBD protocol in use (the transport's ProtocolName), or null before one is found.</summary>
        public string? Protocol;

        /// <summary>
        /// False for the last will: the broker publishes it whenever the connection drops, so no
        /// time known when it is registered would be right. The gateway stamps it on arrival.
        /// </summary>
        public bool HasTime;

        public long UnixMilliseconds;

        /// <summary>Bit for PID p: byte p / 8, mask 0x80 >> (p % 8), the order of the J1979 bitmaps.</summary>
        public byte[] SupportedPids
        {
            get { return _supportedPids; }
        }

        /// <summary>Bytes of the bitmap worth sending: up to the last non-zero byte.</summary>
        public int SupportedPidLength
        {
            get
            {
                int length = SupportedPidBytes;
                while (length > 0 && _supportedPids[length - 1] == 0)
                {
                    length--;
                }

                return length;
            }
        }

        public void ClearSupportedPids()
        {
            for (int i = 0; i < SupportedPidBytes; i++)
            {
                _supportedPids[i] = 0;
            }
        }

        public void SetSupported(int pid)
        {
            if (pid >= 0 && pid <= 0xFF)
            {
                _supportedPids[pid >> 3] |= (byte)(0x80 >> (pid & 7));
            }
        }

        /// <summary>Adds the PIDs one ECU supports; call once per ECU for the union of the vehicle.</summary>
        public void AddSupported(SupportedPids ecu)
        {
            for (int pid = 0; pid <= 0xFF; pid++)
            {
                if (ecu.IsSupported(pid))
                {
                    SetSupported(pid);
                }
            }
        }
    }
}
