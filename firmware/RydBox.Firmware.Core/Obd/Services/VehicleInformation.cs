namespace RydBox.Firmware.Obd.Services
{
    /// <summary>Decodes mode 09 texts: the VIN (info type 02) and calibration ids (info type 04).</summary>
    public static class VehicleInformation
    {
        public const byte VinInfoType = 0x02;
        public const byte CalibrationIdInfoType = 0x04;
        public const int VinLength = 17;
        public const int CalibrationIdLength = 16;

        /// <summary>
        /// The VIN from the extracted mode 09 data, or null unless it holds exactly 17 VIN
        /// characters after the zero padding some ECUs put in front.
        /// </summary>
        public static string? DecodeVin(byte[] data, int length)
        {
            int start = 0;
            while (start < length && data[start] == 0)
            {
                start++;
            }

            if (length - start != VinLength)
            {
                return null;
            }

            char[] vin = new char[VinLength];
            for (int i = 0; i < VinLength; i++)
            {
                char c = (char)data[start + i];
                if (!IsVinCharacter(c))
                {
                    return null;
                }

                vin[i] = c;
            }

            return new string(vin);
        }

        /// <summary>Splits extracted mode 09 data into 16-byte calibration ids, zero padding removed.</summary>
        public static string[] DecodeCalibrationIds(byte[] data, int length)
        {
            int count = length / CalibrationIdLength;
            string[] ids = new string[count];
            char[] text = new char[CalibrationIdLength];
            for (int id = 0; id < count; id++)
            {
                int used = 0;
                for (int i = 0; i < CalibrationIdLength; i++)
                {
                    byte b = data[id * CalibrationIdLength + i];
                    if (b >= 0x20 && b < 0x7F)
                    {
                        text[used++] = (char)b;
                    }
                }

                ids[id] = new string(text, 0, used);
            }

            return ids;
        }

        // ISO 3779: digits and capitals, without I, O and Q (they read like 1 and 0).
        private static bool IsVinCharacter(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return true;
            }

            return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q';
        }
    }
}
