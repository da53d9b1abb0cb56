namespace RydBox.Firmware.Outbox
{
    /// <summary>What an outbox entry carries; decides the topic it is published on. Stored as one byte.</summary>
    public enum OutboxEntryKind : byte
    {
        Telemetry = 1,
        Event = 2,
    }
}
