namespace RydBox.Firmware.Obd.Services
{
    /// <summary>
    /// Extracts the data bytes of a mode 09 (vehicle information) answer, whatever the protocol:
    /// on CAN one message "49 pid count data…"; on K-line/J1850 a run of frames
    /// "49 pid seq d d d d", four data bytes each.
    /// </summary>
    public static class Mode09Payload
    {
        public const byte ServiceRequest = 0x09;
        public const byte ServiceResponse = 0x49;
        private const int LegacyFrameLength = 7;
        private const int LegacyFrameHeader = 3;

        /// <summary>Copies the data bytes into <paramref name="into"/>; returns their count, or -1 when malformed.</summary>
        public static int Extract(EcuResponse response, byte infoType, bool isCan, byte[] into)
        {
            byte[] data = response.Data;
            int length = response.Length;
            int written = 0;
            if (isCan)
            {
                if (length < 3 || data[0] != ServiceResponse || data[1] != infoType)
                {
                    return -1;
                }

                for (int i = 3; i < length && written < into.Length; i++)
                {
                    into[written++] = data[i];
                }

                return written;
            }

            if (length == 0 || length % LegacyFrameLength != 0)
            {
                return -1;
            }

            for (int frame = 0; frame < length; frame += LegacyFrameLength)
            {
                if (data[frame] != ServiceResponse || data[frame + 1] != infoType)
                {
                    return -1;
                }

                for (int i = frame + LegacyFrameHeader; i < frame + LegacyFrameLength && written < into.Length; i++)
                {
                    into[written++] = data[i];
                }
            }

            return written;
        }
    }
}
