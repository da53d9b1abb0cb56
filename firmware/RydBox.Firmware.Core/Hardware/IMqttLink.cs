namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// An MQTT 3.1.1/5 client connection: MQTTnet on Linux, M2Mqtt on the ESP32. Calls block until
    /// the broker answers or the link gives up, and never throw for network failures: they return
    /// false and leave <see cref="IsConnected"/> false, so the session decides what to do.
    /// </summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>True when the broker accepted the connection.</summary>
        bool Connect(MqttConnectOptions options);

        void Disconnect();

        /// <summary>
        /// Publishes with QoS 1; true only once the broker has acknowledged (PUBACK), which is the
        /// moment the outbox may forget the message.
        /// </summary>
        bool Publish(string topic, byte[] payload, int offset, int count, bool retain);

        /// <summary>Subscribes with QoS 1; true when the broker granted it.</summary>
        bool Subscribe(string topicFilter);

        /// <summary>Takes the oldest message delivered to the box, if any; never blocks.</summary>
        bool TryTakeMessage(MqttMessage into);
    }
}
