namespace RydBox.Testing.Brokers;

/// <summary>
/// A real MQTT broker on loopback for tests: password authentication, persistent sessions,
/// retained messages, and a stop/start on the same port to play a broker outage.
/// </summary>
public interface ITestBroker : IDisposable
{
    string Name { get; }

    /// <summary>mqtt://127.0.0.1:port</summary>
    Uri Address { get; }

    bool IsRunning { get; }

    void Stop();

    void Start();

    /// <summary>A client with the broker's own observer account, subscribed to <paramref name="topicFilter"/> at QoS 1.</summary>
    TestMqttClient Observe(string topicFilter);
}
