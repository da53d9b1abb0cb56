using System;
using System.Diagnostics;
using System.IO;
using RydBox.Firmware.Provisioning;

namespace RydBox.Box.Esp32
{
    /// <summary>
    /// Reads the box's provisioning file and the broker's CA certificate from the internal flash
    /// drive, where nanoff's file deployment puts them (hardware-docs/provisioning.md).
    /// </summary>
    internal static class ProvisioningFile
    {
        public const string Path = "I:\\rydbox.conf";
        private const string Drive = "I:\\";
        private const int MaxFileBytes = 4096;
        private const int MaxCertificateBytes = 8192;

        /// <summary>The parsed file, or null when there is none (the reason is written to the debug output).</summary>
        public static ProvisioningResult? Read()
        {
            byte[]? bytes = ReadFile(Path, MaxFileBytes);
            if (bytes == null)
            {
                Debug.WriteLine("Provisioning: no readable " + Path + " (at most " + MaxFileBytes.ToString() + " bytes); upload one as hardware-docs/provisioning.md shows");
                return null;
            }

            ProvisioningResult result = ProvisioningParser.Parse(AsciiText.Decode(bytes, 0, bytes.Length), true);
            for (int i = 0; i < result.ErrorCount; i++)
            {
                Debug.WriteLine("Provisioning: " + Path + " " + result.ErrorAt(i));
            }

            return result;
        }

        /// <summary>
        /// The CA file's bytes. A PEM file gets a NUL appended: mbedTLS, which parses certificates on
        /// the ESP32, only recognises PEM that ends in one (nanoFramework's string constructor of
        /// X509Certificate appends it for the same reason).
        /// </summary>
        public static byte[]? ReadCertificate(string fileName)
        {
            byte[]? bytes = ReadFile(Drive + fileName, MaxCertificateBytes);
            if (bytes == null || bytes.Length < 10 || bytes[0] != (byte)'-')
            {
                return bytes;
            }

            byte[] terminated = new byte[bytes.Length + 1];
            Array.Copy(bytes, terminated, bytes.Length);
            return terminated;
        }

        private static byte[]? ReadFile(string path, int maxBytes)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    if (stream.Length > maxBytes)
                    {
                        return null;
                    }

                    byte[] bytes = new byte[(int)stream.Length];
                    int total = 0;
                    while (total < bytes.Length)
                    {
                        int read = stream.Read(bytes, total, bytes.Length - total);
                        if (read <= 0)
                        {
                            return null;
                        }

                        total += read;
                    }

                    return bytes;
                }
            }
            catch (IOException e)
            {
                Debug.WriteLine("Provisioning: reading " + path + " failed: " + e.Message);
                return null;
            }
        }
    }
}
