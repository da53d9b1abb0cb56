namespace RydBox.Firmware.Hardware
{
    /// <summary>A message the broker delivered to the box (commands are rare, so each owns its payload).</summary>
    public sealed class MqttMessage
    {
        public string Topic = string.Empty;
        public byte[] Payload = new byte[0];
    }
}
