namespace RydBox.Simulator.Scenarios;

/// <summary>
/// What really happened to one vehicle, as the simulator made it happen: the yardstick that tests
/// and the event-accuracy benchmark hold the gateway's detections against. Times are unix
/// milliseconds, places WGS-84 degrees.
/// </summary>
public sealed class GroundTruth
{
    private readonly List<TruthRecord> _records = [];

    public GroundTruth(string deviceId, string scenario, int seed)
    {
        DeviceId = deviceId;
        Scenario = scenario;
        Seed = seed;
    }

    public string DeviceId { get; }

    public string Scenario { get; }

    public int Seed { get; }

    public IReadOnlyList<TruthRecord> Records
    {
        get
        {
            lock (_records)
            {
                return _records.ToArray();
            }
        }
    }

    public IEnumerable<T> OfKind<T>()
        where T : TruthRecord => Records.OfType<T>();

    public void Add(TruthRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }
}
