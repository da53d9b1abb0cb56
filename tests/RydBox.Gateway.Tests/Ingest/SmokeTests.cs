using RydBox.Contract;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Ingest;

public sealed class SmokeTests
{
    [Fact]
    public async Task One_batch()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-1");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, DateTimeOffset.UtcNow.AddMinutes(-1)));
        gateway.Count("telemetry_batches").Should().Be(1);
    }
}
