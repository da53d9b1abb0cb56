namespace RydBox.Firmware.Provisioning
{
    /// <summary>The keys a provisioning file may hold; the index of each name is its constant.</summary>
    internal static class ProvisioningKeys
    {
        public const int DeviceId = 0;
        public const int DeviceSecret = 1;
        public const int WifiSsid = 2;
        public const int WifiPassword = 3;
        public const int BrokerHost = 4;
        public const int BrokerPort = 5;
        public const int Tls = 6;
        public const int CaCertificate = 7;
        public const int ObdInterface = 8;
        public const int Elm327Baud = 9;
        public const int CanBitRate = 10;
        public const int GnssBaud = 11;
        public const int SampleIntervalMs = 12;
        public const int UploadIntervalMs = 13;

        public static readonly string[] Names =
        {
            "device_id",
            "device_secret",
            "wifi_ssid",
            "wifi_password",
            "broker_host",
            "broker_port",
            "tls",
            "ca_certificate",
            "obd_interface",
            "elm327_baud",
            "can_bitrate",
            "gnss_baud",
            "sample_interval_ms",
            "upload_interval_ms",
        };

        public static readonly int[] CanBitRates = { 500000, 250000 };
        public static readonly int[] GnssBaudRates = { 9600, 38400, 115200, 57600, 19200, 4800 };

        /// <summary>Index of <paramref name="name"/> in <see cref="Names"/>, or -1.</summary>
        public static int IndexOf(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
