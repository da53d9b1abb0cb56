namespace RydBox.Firmware.Session
{
    /// <summary>The MQTT topics of one device (wire contract v1), built once so publishing allocates no strings.</summary>
    public sealed class DeviceTopics
    {
        public DeviceTopics(string deviceId)
        {
            string root = "rydbox/v1/" + deviceId;
            Telemetry = root + "/telemetry";
            Event = root + "/event";
            Status = root + "/status";
            Command = root + "/cmd";
            CommandAck = root + "/cmd/ack";
        }

        /// <summary>Sample batches, QoS 1.</summary>
        public string Telemetry { get; private set; }

        /// <summary>On-box events, QoS 1.</summary>
        public string Event { get; private set; }

        /// <summary>Retained online status; the broker publishes the offline status here as the last will.</summary>
        public string Status { get; private set; }

        /// <summary>Gateway to box.</summary>
        public string Command { get; private set; }

        /// <summary>Box to gateway, one acknowledgement per command.</summary>
        public string CommandAck { get; private set; }
    }
}
