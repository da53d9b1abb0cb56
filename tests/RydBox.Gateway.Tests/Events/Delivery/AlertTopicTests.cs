using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Delivery;

/// <summary>
/// Alerts on the embedded broker with real MQTTnet clients: apps log in with their tenant's API key and
/// read their own tenant's alerts only.
/// </summary>
public sealed class AlertTopicTests
{
    [Fact]
    public async Task Each_tenant_reads_its_own_alerts_and_cannot_subscribe_to_or_receive_another_tenants()
    {
        await using TestGateway gateway = await StartAsync();
        gateway.SeedDevice("box-1", "tenant-a");
        gateway.SeedDevice("box-9", "tenant-b");
        IssuedApiKey keyA = gateway.Services.GetRequiredService<ApiKeyRegistry>().Add("tenant-a", "dashboard");
        IssuedApiKey keyB = gateway.Services.GetRequiredService<ApiKeyRegistry>().Add("tenant-b", "partner");
        using AppClient appA = await AppClient.ConnectAsync(gateway, keyA, "dashboard");
        using AppClient appB = await AppClient.ConnectAsync(gateway, keyB, "partner");

        (await appA.SubscribeAsync("rydbox/v1/tenants/tenant-b/alerts/#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await appA.SubscribeAsync("rydbox/v1/tenants/+/alerts/#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await appA.SubscribeAsync("#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await appA.SubscribeAsync("rydbox/v1/box-1/telemetry")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        ((int)await appA.SubscribeAsync("$share/g/rydbox/v1/tenants/tenant-b/alerts/#")).Should().BeGreaterThanOrEqualTo(0x80, "refused (MQTTnet has no shared subscriptions; the ACL would refuse it anyway)");
        (await appA.SubscribeAsync("rydbox/v1/tenants/tenant-a/alerts/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        (await appB.SubscribeAsync("rydbox/v1/tenants/tenant-b/alerts/+/dtc")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);

        EventNotification towingA = DeliveryRig.Towing("tenant-a", "box-1");
        EventNotification dtcA = DeliveryRig.Dtc("tenant-a", "box-1");
        EventNotification dtcB = DeliveryRig.Dtc("tenant-b", "box-9");
        await gateway.Services.GetRequiredService<IAlertSink>().PublishAsync([dtcB, towingA, dtcA], CancellationToken.None);

        appA.WaitFor(2).Should().HaveCount(2);
        appB.WaitFor(1).Should().ContainSingle();
        // B's alert was published first: had it reached A, it would be there by now.
        appA.Received.Select(m => m.Topic).Should().Equal(
            "rydbox/v1/tenants/tenant-a/alerts/box-1/towing",
            "rydbox/v1/tenants/tenant-a/alerts/box-1/dtc");
        appA.Received.Should().OnlyContain(m => m.QoS == MqttQualityOfServiceLevel.AtLeastOnce && !m.Retain);
        NotificationJson.Deserialize(appA.Received[0].Payload).Id.Should().Be(towingA.Id);
        appB.Received.Single().Topic.Should().Be("rydbox/v1/tenants/tenant-b/alerts/box-9/dtc");
        NotificationJson.Deserialize(appB.Received.Single().Payload).Should().BeEquivalentTo(NotificationJson.Document(dtcB), o => o.RespectingRuntimeTypes());

        using AppClient late = await AppClient.ConnectAsync(gateway, keyA, "late");
        (await late.SubscribeAsync("rydbox/v1/tenants/tenant-a/alerts/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await gateway.Services.GetRequiredService<IAlertSink>().PublishAsync([DeliveryRig.Dtc("tenant-a", "box-1", start: 1_700_000_200_000)], CancellationToken.None);
        late.WaitFor(1).Should().ContainSingle("alerts are not retained: a late subscriber gets only the new one");
    }

    [Fact]
    public async Task Apps_may_not_publish_and_need_a_valid_key_and_a_client_id_bound_to_it()
    {
        await using TestGateway gateway = await StartAsync();
        gateway.SeedDevice("box-1", "tenant-a");
        ApiKeyRegistry keys = gateway.Services.GetRequiredService<ApiKeyRegistry>();
        IssuedApiKey key = keys.Add("tenant-a");
        IssuedApiKey other = keys.Add("tenant-a");
        using AppClient app = await AppClient.ConnectAsync(gateway, key, "app");

        (await app.PublishAsync("rydbox/v1/box-1/telemetry")).Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await app.PublishAsync("rydbox/v1/tenants/tenant-a/alerts/box-1/towing")).Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        gateway.Count("dead_letters").Should().Be(0, "an app's refused publish is nobody's device data");

        string wrongSecret = key.Key[..^2] + (key.Key.EndsWith("xx", StringComparison.Ordinal) ? "yy" : "xx");
        (await AppClient.TryConnectAsync(gateway, key.ApiKey.Id, wrongSecret, $"{key.ApiKey.Id}:app")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await AppClient.TryConnectAsync(gateway, key.ApiKey.Id, key.Key, $"{other.ApiKey.Id}:app")).Should().Be(MqttClientConnectResultCode.ClientIdentifierNotValid, "the client id names another key");
        (await AppClient.TryConnectAsync(gateway, key.ApiKey.Id, key.Key, "box-1")).Should().NotBe(MqttClientConnectResultCode.Success, "an app cannot take a device's client id");
        (await AppClient.TryConnectAsync(gateway, other.ApiKey.Id, key.Key, $"{other.ApiKey.Id}:app")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword, "the user name is the key's own id");
        keys.Revoke(key.ApiKey.Id);
        (await AppClient.TryConnectAsync(gateway, key.ApiKey.Id, key.Key, $"{key.ApiKey.Id}:again")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword, "a revoked key");
        TestGateway.WaitUntil(() => gateway.Metrics.ConnectedDevices == 0).Should().BeTrue("apps are not counted as devices");
    }

    [Fact]
    public async Task A_device_still_may_not_subscribe_to_alerts()
    {
        await using TestGateway gateway = await StartAsync();
        SeededDevice device = gateway.SeedDevice("box-1", "tenant-a");
        await using TestBox box = await TestBox.ConnectAsync(gateway.BrokerAddress, device.DeviceId, device.Secret);

        (await box.SubscribeAsync("rydbox/v1/tenants/tenant-a/alerts/#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await box.SubscribeAsync("rydbox/v1/box-1/cmd")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
    }

    private static Task<TestGateway> StartAsync() => TestGateway.StartAsync(configureServices: services => services.AddEventDelivery());

    private sealed record AppMessage(string Topic, byte[] Payload, MqttQualityOfServiceLevel QoS, bool Retain);

    /// <summary>An app or partner client: user name = key id, password = the key, client id "{key id}:{name}".</summary>
    private sealed class AppClient : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly IMqttClient _client;
        private readonly List<AppMessage> _received = [];

        private AppClient(IMqttClient client)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                lock (_received)
                {
                    MqttApplicationMessage m = e.ApplicationMessage;
                    _received.Add(new AppMessage(m.Topic, m.Payload.ToArray(), m.QualityOfServiceLevel, m.Retain));
                    Monitor.PulseAll(_received);
                }

                return Task.CompletedTask;
            };
        }

        public IReadOnlyList<AppMessage> Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToList();
                }
            }
        }

        public static async Task<AppClient> ConnectAsync(TestGateway gateway, IssuedApiKey key, string name)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var app = new AppClient(client);
            MqttClientConnectResult result = await client.ConnectAsync(Options(gateway, key.ApiKey.Id, key.Key, $"{key.ApiKey.Id}:{name}"));
            result.ResultCode.Should().Be(MqttClientConnectResultCode.Success);
            return app;
        }

        public static async Task<MqttClientConnectResultCode> TryConnectAsync(TestGateway gateway, string userName, string password, string clientId)
        {
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            try
            {
                MqttClientConnectResult result = await client.ConnectAsync(Options(gateway, userName, password, clientId));
                return result.ResultCode;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                return MqttClientConnectResultCode.UnspecifiedError;
            }
        }

        public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            MqttClientSubscribeResult result = await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
            return result.Items.Single().ResultCode;
        }

        public async Task<MqttClientPublishReasonCode> PublishAsync(string topic)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            MqttClientPublishResult result = await _client.PublishBinaryAsync(topic, [1, 2, 3], MqttQualityOfServiceLevel.AtLeastOnce, retain: false, timeout.Token);
            return result.ReasonCode;
        }

        /// <summary>Waits until <paramref name="count"/> messages arrived (or 10 s passed); returns what arrived.</summary>
        public IReadOnlyList<AppMessage> WaitFor(int count)
        {
            DateTime deadline = DateTime.UtcNow + Timeout;
            lock (_received)
            {
                while (_received.Count < count && DateTime.UtcNow < deadline)
                {
                    Monitor.Wait(_received, deadline - DateTime.UtcNow);
                }

                return _received.ToList();
            }
        }

        public void Dispose()
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(Timeout);
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).GetAwaiter().GetResult();
            }

            _client.Dispose();
        }

        private static MqttClientOptions Options(TestGateway gateway, string userName, string password, string clientId) =>
            new MqttClientOptionsBuilder()
                .WithTcpServer(gateway.BrokerAddress.Host, gateway.BrokerAddress.Port)
                .WithClientId(clientId)
                .WithCredentials(userName, password)
                .WithCleanSession(true)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTimeout(Timeout)
                .Build();
    }
}
