namespace RydBox.Simulator.Boxes;

/// <summary>Told about every publish that reached the broker: how long its PUBACK took, or that it failed.</summary>
public interface IPublishRecorder
{
    /// <param name="timestamp">When the PUBACK arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
    /// <param name="latencyTicks">From the publish call to its PUBACK, in Stopwatch ticks.</param>
    void Acknowledged(long timestamp, long latencyTicks);

    /// <summary>The broker refused the message, or no PUBACK came in time (the box keeps it and sends it again).</summary>
    void Failed(long timestamp, string topic);
}
