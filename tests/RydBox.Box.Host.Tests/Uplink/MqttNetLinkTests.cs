using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RydBox.Box.Host.Mqtt;
using RydBox.Firmware.Hardware;
using RydBox.Testing.Brokers;

namespace RydBox.Box.Host.Tests.Uplink;

public sealed class MqttNetLinkTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_broker_address_gives_host_port_and_tls()
    {
        var plain = new MqttLinkOptions("mqtt://broker.example");
        var tls = new MqttLinkOptions("mqtts://broker.example");
        var custom = new MqttLinkOptions("mqtts://10.0.0.5:18883");

        (plain.Host, plain.Port, plain.UseTls).Should().Be(("broker.example", 1883, false));
        (tls.Host, tls.Port, tls.UseTls).Should().Be(("broker.example", 8883, true));
        (custom.Host, custom.Port, custom.UseTls).Should().Be(("10.0.0.5", 18883, true));
        FluentActions.Invoking(() => new MqttLinkOptions("http://broker.example")).Should().Throw<ArgumentException>().WithMessage("*mqtt://*");
    }

    [Fact]
    public void Where_no_broker_listens_every_call_returns_false_without_throwing()
    {
        int port = UnusedPort();
        var log = new ConcurrentQueue<string>();
        using var link = new MqttNetLink(new MqttLinkOptions($"mqtt://127.0.0.1:{port}"), log.Enqueue);
        var watch = Stopwatch.StartNew();

        link.Connect(DeviceOptions()).Should().BeFalse();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "a refused TCP connection fails at once");
        link.IsConnected.Should().BeFalse();
        link.Publish("rydbox/v1/x/telemetry", [1], 0, 1, false).Should().BeFalse();
        link.Subscribe("rydbox/v1/x/cmd").Should().BeFalse();
        link.TryTakeMessage(new MqttMessage()).Should().BeFalse();
        link.Disconnect();
        log.Should().ContainSingle().Which.Should().Contain($"127.0.0.1:{port}");
    }

    [Fact]
    public void Over_TLS_the_link_trusts_a_broker_signed_by_the_configured_certificate_authority()
    {
        using var certificates = new TestCertificates();
        using EmbeddedBroker broker = EmbeddedBroker.WithTls(certificates.Broker, TestBrokers.Device);
        using TestMqttClient gateway = broker.Observe("rydbox/#");
        var log = new ConcurrentQueue<string>();
        using var link = new MqttNetLink(
            new MqttLinkOptions(broker.TlsAddress!) { CaCertificateFile = certificates.CertificateAuthorityFile },
            log.Enqueue);

        link.Connect(DeviceOptions()).Should().BeTrue(string.Join('\n', log));
        link.Publish("rydbox/v1/box-0042/telemetry", Encoding.ASCII.GetBytes("over tls"), 0, 8, false).Should().BeTrue();

        gateway.WaitFor("rydbox/v1/box-0042/telemetry", 1, Soon).Select(m => Encoding.ASCII.GetString(m.Payload)).Should().Equal("over tls");
    }

    [Fact]
    public void Over_TLS_a_broker_certificate_the_system_does_not_trust_is_refused()
    {
        using var certificates = new TestCertificates();
        using EmbeddedBroker broker = EmbeddedBroker.WithTls(certificates.Broker, TestBrokers.Device);
        var log = new ConcurrentQueue<string>();
        using var link = new MqttNetLink(new MqttLinkOptions(broker.TlsAddress!), log.Enqueue);

        link.Connect(DeviceOptions()).Should().BeFalse();

        link.IsConnected.Should().BeFalse();
        log.Should().ContainSingle().Which.Should().Contain("certificate");
    }

    [Fact]
    public void Over_TLS_a_certificate_for_another_host_is_refused_even_from_the_right_authority()
    {
        using var certificates = new TestCertificates(brokerHostName: "other.example");
        using EmbeddedBroker broker = EmbeddedBroker.WithTls(certificates.Broker, TestBrokers.Device);
        var log = new ConcurrentQueue<string>();
        using var link = new MqttNetLink(
            new MqttLinkOptions(broker.TlsAddress!) { CaCertificateFile = certificates.CertificateAuthorityFile },
            log.Enqueue);

        link.Connect(DeviceOptions()).Should().BeFalse();

        log.Should().ContainSingle().Which.Should().Contain("certificate");
    }

    private static MqttConnectOptions DeviceOptions() => new()
    {
        ClientId = TestBrokers.Device.UserName,
        Username = TestBrokers.Device.UserName,
        Password = TestBrokers.Device.Password,
        KeepAliveSeconds = 5,
    };

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
