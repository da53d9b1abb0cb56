using System.Diagnostics;
using System.Text;
using MQTTnet;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;
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
    public async Task A_device_may_publish_only_its_own_topics()
    {
        using ExportedMosquitto broker = Export();
        await using TestBox gateway = await TestBox.ConnectAsync(broker.Address, _gateway.UserName, _gateway.Password);
        (await gateway.SubscribeAsync("rydbox/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await using TestBox boxA = await TestBox.ConnectAsync(broker.Address, "box-a", _boxA);

        (await boxA.PublishAsync("rydbox/v1/box-b/telemetry", Text("forged"))).Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await boxA.PublishAsync("rydbox/v1/box-a/cmd", Text("self-command"))).Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await boxA.PublishAsync("rydbox/v1/box-a/unknown", Text("stray"))).Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        foreach (string kind in new[] { "telemetry", "event", "status", "cmd/ack" })
        {
            (await boxA.PublishAsync($"rydbox/v1/box-a/{kind}", Text(kind))).Should().Be(MqttClientPublishReasonCode.Success, broker.Log);
        }

        gateway.WaitForMessage("rydbox/v1/box-a/cmd/ack", Text("cmd/ack"), Arrival).Should().BeTrue(broker.Log);
        Received(gateway).Should().Equal(
            ("rydbox/v1/box-a/telemetry", "telemetry"),
            ("rydbox/v1/box-a/event", "event"),
            ("rydbox/v1/box-a/status", "status"),
            ("rydbox/v1/box-a/cmd/ack", "cmd/ack"));
    }

    [MosquittoFact]
    public async Task A_device_reads_only_its_own_commands_and_the_gateway_its_shared_subscription()
    {
        using ExportedMosquitto broker = Export();
        await using TestBox gateway = await TestBox.ConnectAsync(broker.Address, _gateway.UserName, _gateway.Password);
        (await gateway.SubscribeAsync("$share/rydbox-gateway/rydbox/v1/+/telemetry")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1, broker.Log);
        await using TestBox boxA = await TestBox.ConnectAsync(broker.Address, "box-a", _boxA);
        (await boxA.SubscribeAsync("rydbox/v1/box-a/cmd")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        // mosquitto grants these subscriptions but checks read access on every message it would deliver.
        await boxA.SubscribeAsync("rydbox/v1/box-b/cmd");
        await boxA.SubscribeAsync("rydbox/v1/+/telemetry");
        await boxA.SubscribeAsync("rydbox/#");
        await using TestBox boxB = await TestBox.ConnectAsync(broker.Address, "box-b", _boxB);

        (await gateway.PublishAsync("rydbox/v1/box-b/cmd", Text("for-b"))).Should().Be(MqttClientPublishReasonCode.Success);
        (await boxB.PublishAsync("rydbox/v1/box-b/telemetry", Text("b-data"))).Should().Be(MqttClientPublishReasonCode.Success);
        (await gateway.PublishAsync("rydbox/v1/box-a/cmd", Text("for-a"))).Should().Be(MqttClientPublishReasonCode.Success);

        boxA.WaitForMessage("rydbox/v1/box-a/cmd", Text("for-a"), Arrival).Should().BeTrue(broker.Log);
        gateway.WaitForMessage("rydbox/v1/box-b/telemetry", Text("b-data"), Arrival).Should().BeTrue(broker.Log);
        // mosquitto delivers in one thread: whatever it sent box-a before this marker has arrived once the marker has.
        await gateway.PublishAsync("rydbox/v1/box-a/cmd", Text("marker"));
        boxA.WaitForMessage("rydbox/v1/box-a/cmd", Text("marker"), Arrival).Should().BeTrue(broker.Log);
        Received(boxA).Distinct().Should().Equal(
            [("rydbox/v1/box-a/cmd", "for-a"), ("rydbox/v1/box-a/cmd", "marker")], "box-a must see neither box-b's command nor its telemetry");
    }

    [MosquittoFact]
    public async Task Wrong_revoked_unknown_and_hashless_logins_are_refused()
    {
        InsertDeviceWithoutMosquittoHash("box-legacy");
        using ExportedMosquitto broker = Export();

        (await LogInAsync(broker, "box-a", _boxA + "x")).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-a", _boxB)).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-gone", _revoked)).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-legacy", "legacy-secret-1")).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-zz", _boxA)).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "rydbox-gateway", "gateway-password-2")).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-a", _boxA)).Should().Be(MqttClientConnectResultCode.Success);
    }

    [MosquittoFact]
    public async Task A_reissued_secret_works_after_the_next_export_and_the_old_one_does_not()
    {
        string fresh = _rig.Devices.Reissue("box-a").Secret;
        using ExportedMosquitto broker = Export();

        (await LogInAsync(broker, "box-a", _boxA)).Should().BeOneOf(Refused);
        (await LogInAsync(broker, "box-a", fresh)).Should().Be(MqttClientConnectResultCode.Success, broker.Log);
    }

    public void Dispose() => _rig.Dispose();

    private ExportedMosquitto Export()
    {
        MosquittoExport.Write(_rig.Devices, _passwords, _acl, _gateway);
        return new ExportedMosquitto(_passwords, _acl);
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<(string Topic, string Payload)> Received(TestBox client) =>
        client.Received.Select(m => (m.Topic, Encoding.UTF8.GetString(m.Payload)));

    /// <summary>Logs in over MQTT 5 and out again; the broker's answer.</summary>
    private static async Task<MqttClientConnectResultCode> LogInAsync(ExportedMosquitto broker, string user, string password)
    {
        (TestBox? client, MqttClientConnectResultCode result) = await TestBox.TryConnectAsync(broker.Address, user, password);
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        return result;
    }

    // A device whose secret was set without this gateway keeping a mosquitto hash (e.g. an older version).
    private void InsertDeviceWithoutMosquittoHash(string id) =>
        _rig.Scalar(
            "INSERT INTO devices (id, tenant_id, secret_hash, created_ms) VALUES ($id, 'acme', $hash, 0)",
            ("$id", id),
            ("$hash", SecretHasher.Hash("legacy-secret-1")));
}
