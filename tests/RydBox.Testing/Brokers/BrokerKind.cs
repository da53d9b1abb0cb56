using System.Reflection;
using Xunit.Sdk;

namespace RydBox.Testing.Brokers;

/// <summary>Which real broker a broker test runs against.</summary>
public enum BrokerKind
{
    Embedded,
    Mosquitto,
}

/// <summary>A broker of either kind with one device account, for tests that run against both.</summary>
public static class TestBrokers
{
    public static readonly BrokerAccount Device = new("box-0042", "device-secret");

    public static ITestBroker Start(BrokerKind kind) => kind switch
    {
        BrokerKind.Embedded => new EmbeddedBroker(Device),
        BrokerKind.Mosquitto => new MosquittoBroker(Device),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>
/// A theory row for mosquitto: skipped (with the reason) where mosquitto is not installed, except
/// under CI=true, where the row runs and fails loudly instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class MosquittoDataAttribute : DataAttribute
{
    private readonly object[] _row;

    public MosquittoDataAttribute(params object[] moreArguments)
    {
        _row = [BrokerKind.Mosquitto, .. moreArguments];
        Skip = MosquittoBroker.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [_row];
}
