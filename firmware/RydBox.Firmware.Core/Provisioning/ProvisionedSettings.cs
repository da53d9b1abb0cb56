namespace RydBox.Firmware.Provisioning
{
    /// <summary>
    /// One box's identity, network and vehicle settings, read from the provisioning file on its
    /// flash. Only meaningful when <see cref="ProvisioningResult.IsValid"/> is true.
    /// </summary>
    public sealed class ProvisionedSettings
    {
        public const int DefaultTlsPort = 8883;
        public const int DefaultPlainPort = 1883;
        public const int DefaultGnssBaudRate = 9600;
        public const int DefaultCanBitRate = 500000;

        /// <summary>Issued by the gateway; also the MQTT client id and the topic segment.</summary>
        public string DeviceId = string.Empty;

        /// <summary>Issued by the gateway with the id; the MQTT password.</summary>
        public string DeviceSecret = string.Empty;

        /// <summary>Empty when the box has no Wi-Fi of its own (the Linux host uses the OS's network).</summary>
        public string WifiSsid = string.Empty;

        /// <summary>Empty for an open network.</summary>
        public string WifiPassword = string.Empty;

        public string BrokerHost = string.Empty;
        public int BrokerPort = DefaultTlsPort;
        public bool UseTls = true;

        /// <summary>Bare file name of the broker's CA certificate (PEM or DER) next to the provisioning file.</summary>
        public string CaCertificateFile = string.Empty;

        public ObdInterface Obd = ObdInterface.Elm327;

        /// <summary>UART rate of the ELM327; 0 means detect it at start-up.</summary>
        public int Elm327BaudRate;

        /// <summary>OBD-II CAN bit rate (ISO 15765-4 allows 250 and 500 kbit/s).</summary>
        public int CanBitRate = DefaultCanBitRate;

        public int GnssBaudRate = DefaultGnssBaudRate;

        /// <summary>Overrides the runtime's sampling period; 0 keeps the runtime's default.</summary>
        public int SampleIntervalMs;

        /// <summary>Overrides how often batches are sent; 0 keeps the runtime's default.</summary>
        public int UploadIntervalMs;
    }
}
