using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using RydBox.Contract;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Tests.Support;
using RydBox.Testing.Brokers;

namespace RydBox.Gateway.Tests.Broker;

/// <summary>The embedded broker's authentication and topic ACL, with real MQTT clients.</summary>
public sealed class EmbeddedBrokerTests
{
    private static readonly DateTimeOffset Recently = DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task Wrong_secrets_unknown_and_revoked_devices_and_borrowed_client_ids_are_refused_and_counted()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-20");
        SeededDevice revoked = gateway.SeedDevice("box-21", revoked: true);

        (await Refusal(gateway, "box-20", "not-the-secret")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await Refusal(gateway, "box-99", device.Secret)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await Refusal(gateway, "box-21", revoked.Secret)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await Refusal(gateway, "box-20", device.Secret, clientId: "box-21")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await Refusal(gateway, "box-20", device.Secret, clientId: "not a device id")).Should().Be(MqttClientConnectResultCode.ClientIdentifierNotValid);

        gateway.Metrics.RefusedConnectionsByReason.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["bad_secret"] = 1,
            ["unknown_device"] = 1,
            ["revoked"] = 1,
            ["client_id_mismatch"] = 1,
            ["invalid_client_id"] = 1,
        });

        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        // The broker counts a connection in its connected event, which may run just after the CONNACK.
        TestGateway.WaitUntil(() => gateway.Metrics.ConnectedDevices == 1).Should().BeTrue("the accepted box is counted as connected");
    }

    [Fact]
    public async Task A_device_revoked_while_connected_has_its_next_messages_dead_lettered()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-22");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, Recently));

        gateway.Revoke("box-22");
        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Recently.AddSeconds(10)));

        gateway.Count("telemetry_batches").Should().Be(1);
        gateway.Scalar<string>("SELECT reason FROM dead_letters WHERE device_id = 'box-22'").Should().Be(DeadLetterReasons.RevokedDevice);
    }

    [Fact]
    public async Task A_device_cannot_publish_as_another_nor_on_its_command_topic()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice mallory = gateway.SeedDevice("box-23", tenantId: "tenant-m");
        gateway.SeedDevice("box-24", tenantId: "tenant-v");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, mallory.DeviceId, mallory.Secret);

        (await box.PublishAsync("rydbox/v1/box-24/telemetry", WirePayloads.Telemetry(1, Recently)))
            .Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await box.PublishAsync("rydbox/v1/box-24/status", WirePayloads.Offline(), retain: true))
            .Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await box.PublishAsync(box.Topic(TopicKind.Command), [0xA0]))
            .Should().Be(MqttClientPublishReasonCode.NotAuthorized);

        gateway.Metrics.RefusedPublishes.Should().Be(3);
        gateway.Count("telemetry_batches").Should().Be(0);
        gateway.Count("device_status").Should().Be(0, "box-24's status was not touched");
        gateway.Count("dead_letters", "reason = $r AND device_id = 'box-23' AND tenant_id = 'tenant-m'", ("$r", DeadLetterReasons.TopicNotAllowed))
            .Should().Be(3, "refused publishes are kept under the sender, never under the device it pretended to be");

        await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(2, Recently));
        gateway.Count("telemetry_batches", "device_id = 'box-23'").Should().Be(1, "the connection stays usable for its own topics");
    }

    [Fact]
    public async Task A_box_may_subscribe_to_its_own_commands_only_and_receives_what_the_gateway_publishes()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        SeededDevice device = gateway.SeedDevice("box-25");
        gateway.SeedDevice("box-26");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        (await box.SubscribeAsync("rydbox/v1/box-26/cmd")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await box.SubscribeAsync("rydbox/v1/+/cmd")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await box.SubscribeAsync("rydbox/v1/box-25/#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await box.SubscribeAsync("rydbox/v1/box-25/cmd")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        gateway.Metrics.RefusedSubscriptions.Should().Be(3);

        byte[] ping = CommandEncoder.Encode(7, "ping");
        await gateway.Services.GetRequiredService<IBrokerPublisher>().PublishAsync("rydbox/v1/box-25/cmd", ping, retain: false, CancellationToken.None);

        box.WaitForMessage("rydbox/v1/box-25/cmd", TestGateway.Soon).Should().Equal(ping);
        gateway.Metrics.Received.Should().Be(0, "the gateway's own commands do not go through ingest");
    }

    [Fact]
    public async Task With_a_certificate_the_broker_also_listens_with_tls()
    {
        using var certificates = new TestCertificates();
        string pfx = Path.Combine(Path.GetTempPath(), $"rydbox-broker-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificates.Broker.Export(X509ContentType.Pkcs12, "pfx-password"));
        try
        {
            int tlsPort = FreePort.Pick();
            await using TestGateway gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
            {
                ["RydBox:Broker:CertificateFile"] = pfx,
                ["RydBox:Broker:CertificatePassword"] = "pfx-password",
                ["RydBox:Broker:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            gateway.Services.GetRequiredService<EmbeddedMqttBroker>().TlsPort.Should().Be(tlsPort);
            SeededDevice device = gateway.SeedDevice("box-27");

            await using TestBox box = await TestBox.ConnectAsync(new Uri($"mqtts://127.0.0.1:{tlsPort}"), device.DeviceId, device.Secret, trustedAuthority: certificates.CertificateAuthority);
            await box.SendAsync(TopicKind.Telemetry, WirePayloads.Telemetry(1, Recently));

            gateway.Count("telemetry_batches", "device_id = 'box-27'").Should().Be(1);
            (await TestBox.TryConnectAsync(new Uri($"mqtts://127.0.0.1:{tlsPort}"), device.DeviceId, device.Secret, trustedAuthority: null)).Box
                .Should().BeNull("a box that cannot verify the broker does not talk to it");
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static async Task<MqttClientConnectResultCode> Refusal(TestGateway gateway, string userName, string secret, string? clientId = null)
    {
        (TestBox? box, MqttClientConnectResultCode result) = await TestBox.TryConnectAsync(gateway.BrokerAddress, userName, secret, clientId: clientId);
        if (box is not null)
        {
            await box.DisposeAsync();
        }

        box.Should().BeNull($"{userName} as {clientId ?? userName} must not get in");
        return result;
    }
}
