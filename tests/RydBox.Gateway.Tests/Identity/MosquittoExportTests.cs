using System.Diagnostics;
using MQTTnet;
using RydBox.Gateway.Identity;
using RydBox.Testing.Brokers;

namespace RydBox.Gateway.Tests.Identity;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MosquittoExportTests : IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    // mosquitto 2 answers a bad login over MQTT 5 with "not authorized".
    private static readonly MqttClientConnectResultCode[] Refused = [MqttClientConnectResultCode.NotAuthorized, MqttClientConnectResultCode.BadUserNameOrPassword];

    private readonly IdentityRig _rig = new();
    private readonly MosquittoAccount _gateway = new("rydbox-gateway", "gateway-password-1");
    private readonly string _passwords;
    private readonly string _acl;
    private readonly string _boxA;
    private readonly string _boxB;
    private readonly string _revoked;

    public MosquittoExportTests()
    {
        _rig.Tenants.Add("acme", "ACME");
        _rig.Tenants.Add("zeta", "Zeta");
        _boxA = _rig.Devices.Add("box-a", "acme").Secret;
        _boxB = _rig.Devices.Add("box-b", "zeta").Secret;
        _revoked = _rig.Devices.Add("box-gone", "acme").Secret;
        _rig.Devices.Revoke("box-gone");
        _passwords = Path.Combine(_rig.DataDirectory, "export", "passwd");
        _acl = Path.Combine(_rig.DataDirectory, "export", "acl");
    }

    [Fact]
    public void The_files_give_each_active_device_its_own_topics_and_the_gateway_everything()
    {
        InsertDeviceWithoutMosquittoHash("box-legacy");

        MosquittoExportResult result = MosquittoExport.Write(_rig.Devices, _passwords, _acl, _gateway);

        result.Devices.Should().Equal("box-a", "box-b");
        result.Revoked.Should().Equal("box-gone");
        result.MissingHash.Should().Equal("box-legacy");
        result.GatewayUser.Should().Be("rydbox-gateway");
        Dictionary<string, string> lines = File.ReadAllLines(_passwords).Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1]);
        lines.Keys.Should().BeEquivalentTo("rydbox-gateway", "box-a", "box-b");
        MosquittoPasswordHash.Verify("gateway-password-1", lines["rydbox-gateway"]).Should().BeTrue();
        MosquittoPasswordHash.Verify(_boxA, lines["box-a"]).Should().BeTrue();
        MosquittoPasswordHash.Verify(_boxB, lines["box-b"]).Should().BeTrue();
        MosquittoPasswordHash.Verify(_boxB, lines["box-a"]).Should().BeFalse();
        string acl = File.ReadAllText(_acl);
        acl.Should().Contain("user rydbox-gateway\ntopic readwrite rydbox/#\n");
        acl.Should().Contain(
            "user box-a\ntopic write rydbox/v1/box-a/telemetry\ntopic write rydbox/v1/box-a/event\ntopic write rydbox/v1/box-a/status\n"
            + "topic write rydbox/v1/box-a/cmd/ack\ntopic read rydbox/v1/box-a/cmd\n");
        acl.Should().NotContain("box-gone").And.NotContain("box-legacy").And.NotContain("pattern");
        File.GetUnixFileMode(_passwords).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
    }

    [Fact]
    public void Exporting_again_replaces_the_files_whole_and_keeps_their_permissions()
    {
        MosquittoExport.Write(_rig.Devices, _passwords, _acl, _gateway);
        File.SetUnixFileMode(_passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _rig.Devices.Revoke("box-b");

        MosquittoExport.Write(_rig.Devices, _passwords, _acl, gateway: null);

        File.ReadAllLines(_passwords).Select(l => l.Split(':')[0]).Should().Equal("box-a");
        File.ReadAllText(_acl).Should().NotContain("box-b").And.NotContain("user rydbox-gateway");
        File.GetUnixFileMode(_passwords).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(Path.GetDirectoryName(_passwords)!).Should().HaveCount(2, "no temporary file is left behind");
    }

    [Theory]
    [InlineData("box-a", "pw", "*also a device id*")]
    [InlineData("gate way", "pw", "*cannot be a mosquitto user name*")]
    [InlineData("gate:way", "pw", "*cannot be a mosquitto user name*")]
    [InlineData("gateway", "", "*must not be empty*")]
    public void A_bad_gateway_account_is_refused_before_anything_is_written(string user, string password, string message)
    {
        Action export = () => MosquittoExport.Write(_rig.Devices, _passwords, _acl, new MosquittoAccount(user, password));

        export.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.Invalid).WithMessage(message);
        File.Exists(_passwords).Should().BeFalse();
    }

    [MosquittoFact]
    public void Hashes_of_mosquitto_passwd_verify_and_ours_have_its_format()
    {
        string file = Path.Combine(_rig.DataDirectory, "by-mosquitto-passwd");
        File.WriteAllText(file, string.Empty);
        using (Process process = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-b", file, "someone", "a-password-42"]) { RedirectStandardError = true })!)
        {
            process.WaitForExit();
            process.ExitCode.Should().Be(0, process.StandardError.ReadToEnd());
        }

        string theirs = File.ReadAllText(file).Trim().Split(':', 2)[1];
        theirs.Should().StartWith("$7$");
        MosquittoPasswordHash.Verify("a-password-42", theirs).Should().BeTrue();
        MosquittoPasswordHash.Verify("a-password-43", theirs).Should().BeFalse();
        string[] ours = MosquittoPasswordHash.Hash("a-password-42").Split('$');
        string[] their = theirs.Split('$');
        ours.Should().HaveCount(5);
        (ours[0], ours[1], ours[2]).Should().Be(("", "7", "1000"));
        (ours[3].Length, ours[4].Length).Should().Be((their[3].Length, their[4].Length), "the same salt and hash sizes as mosquitto_passwd");
    }

    [MosquittoFact]
    public void A_device_may_publish_only_its_own_topics()
    {
        using ExportedMosquitto broker = Export();
        using MqttProbe gateway = MqttProbe.Connect(broker.Port, _gateway.UserName, _gateway.Password);
        gateway.Subscribe("rydbox/#").Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        using MqttProbe boxA = MqttProbe.Connect(broker.Port, "box-a", _boxA);

        boxA.Publish("rydbox/v1/box-b/telemetry", "forged").Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        boxA.Publish("rydbox/v1/box-a/cmd", "self-command").Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        boxA.Publish("rydbox/v1/box-a/unknown", "stray").Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        foreach (string kind in new[] { "telemetry", "event", "status", "cmd/ack" })
        {
            boxA.Publish($"rydbox/v1/box-a/{kind}", kind).Should().Be(MqttClientPublishReasonCode.Success, broker.Log);
        }

        gateway.WaitFor("rydbox/v1/box-a/cmd/ack", "cmd/ack", Arrival).Should().BeTrue(broker.Log);
        gateway.Received.Should().Equal(
            ("rydbox/v1/box-a/telemetry", "telemetry"),
            ("rydbox/v1/box-a/event", "event"),
            ("rydbox/v1/box-a/status", "status"),
            ("rydbox/v1/box-a/cmd/ack", "cmd/ack"));
    }

    [MosquittoFact]
    public void A_device_reads_only_its_own_commands_and_the_gateway_its_shared_subscription()
    {
        using ExportedMosquitto broker = Export();
        using MqttProbe gateway = MqttProbe.Connect(broker.Port, _gateway.UserName, _gateway.Password);
        gateway.Subscribe("$share/rydbox-gateway/rydbox/v1/+/telemetry").Should().Be(MqttClientSubscribeResultCode.GrantedQoS1, broker.Log);
        using MqttProbe boxA = MqttProbe.Connect(broker.Port, "box-a", _boxA);
        boxA.Subscribe("rydbox/v1/box-a/cmd").Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        // mosquitto grants these subscriptions but checks read access on every message it would deliver.
        boxA.Subscribe("rydbox/v1/box-b/cmd");
        boxA.Subscribe("rydbox/v1/+/telemetry");
        boxA.Subscribe("rydbox/#");
        using MqttProbe boxB = MqttProbe.Connect(broker.Port, "box-b", _boxB);

        gateway.Publish("rydbox/v1/box-b/cmd", "for-b").Should().Be(MqttClientPublishReasonCode.Success);
        boxB.Publish("rydbox/v1/box-b/telemetry", "b-data").Should().Be(MqttClientPublishReasonCode.Success);
        gateway.Publish("rydbox/v1/box-a/cmd", "for-a").Should().Be(MqttClientPublishReasonCode.Success);

        boxA.WaitFor("rydbox/v1/box-a/cmd", "for-a", Arrival).Should().BeTrue(broker.Log);
        gateway.WaitFor("rydbox/v1/box-b/telemetry", "b-data", Arrival).Should().BeTrue(broker.Log);
        // mosquitto delivers in one thread: whatever it sent box-a before this marker has arrived once the marker has.
        gateway.Publish("rydbox/v1/box-a/cmd", "marker");
        boxA.WaitFor("rydbox/v1/box-a/cmd", "marker", Arrival).Should().BeTrue(broker.Log);
        boxA.Received.Distinct().Should().Equal(
            [("rydbox/v1/box-a/cmd", "for-a"), ("rydbox/v1/box-a/cmd", "marker")], "box-a must see neither box-b's command nor its telemetry");
    }

    [MosquittoFact]
    public void Wrong_revoked_unknown_and_hashless_logins_are_refused()
    {
        InsertDeviceWithoutMosquittoHash("box-legacy");
        using ExportedMosquitto broker = Export();

        MqttProbe.TryConnect(broker.Port, "box-a", _boxA + "x", out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-a", _boxB, out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-gone", _revoked, out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-legacy", "legacy-secret-1", out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-zz", _boxA, out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "rydbox-gateway", "gateway-password-2", out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-a", _boxA, out MqttProbe? boxA).Should().Be(MqttClientConnectResultCode.Success);
        boxA!.Dispose();
    }

    [MosquittoFact]
    public void A_reissued_secret_works_after_the_next_export_and_the_old_one_does_not()
    {
        string fresh = _rig.Devices.Reissue("box-a").Secret;
        using ExportedMosquitto broker = Export();

        MqttProbe.TryConnect(broker.Port, "box-a", _boxA, out _).Should().BeOneOf(Refused);
        MqttProbe.TryConnect(broker.Port, "box-a", fresh, out MqttProbe? boxA).Should().Be(MqttClientConnectResultCode.Success, broker.Log);
        boxA!.Dispose();
    }

    public void Dispose() => _rig.Dispose();

    private ExportedMosquitto Export()
    {
        MosquittoExport.Write(_rig.Devices, _passwords, _acl, _gateway);
        return new ExportedMosquitto(_passwords, _acl);
    }

    // A device whose secret was set without this gateway keeping a mosquitto hash (e.g. an older version).
    private void InsertDeviceWithoutMosquittoHash(string id) =>
        _rig.Scalar(
            "INSERT INTO devices (id, tenant_id, secret_hash, created_ms) VALUES ($id, 'acme', $hash, 0)",
            ("$id", id),
            ("$hash", SecretHasher.Hash("legacy-secret-1")));
}
