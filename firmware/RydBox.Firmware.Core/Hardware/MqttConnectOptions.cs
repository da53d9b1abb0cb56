namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// What the session asks of a connection. Where to connect and whether TLS is used belong to
    /// the link's construction (host name, port, certificates), not to these options.
    /// </summary>
    public sealed class MqttConnectOptions
    {
        public string ClientId = string.Empty;
        public string Username = string.Empty;
        public string Password = string.Empty;

        /// <summary>False keeps the broker-side session, so QoS 1 messages to the box survive a reconnect.</summary>
        public bool CleanSession;

        public int KeepAliveSeconds = 60;

        /// <summary>Last will, published by the broker when the box vanishes; null for none.</summary>
        public string? WillTopic;
        public byte[]? WillPayload;
        public bool WillRetain;
    }
}
