using RydBox.Firmware.Provisioning;

namespace RydBox.Firmware.Tests.Provisioning;

public class ProvisioningParserTests
{
    private static ProvisioningResult Parse(string text, bool requireWifi = true) => ProvisioningParser.Parse(text, requireWifi);

    private static IEnumerable<string> Errors(ProvisioningResult result) =>
        Enumerable.Range(0, result.ErrorCount).Select(result.ErrorAt);

    [Fact]
    public void A_complete_file_gives_every_setting()
    {
        var result = Parse(ProvisioningFiles.Complete);

        Errors(result).Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        var s = result.Settings;
        s.DeviceId.Should().Be("box-0042");
        s.DeviceSecret.Should().Be("9f86d081884c7d659a2feaa0c55ad015");
        s.WifiSsid.Should().Be("Garage");
        s.WifiPassword.Should().Be("correct horse battery");
        s.BrokerHost.Should().Be("mqtt.example.org");
        s.BrokerPort.Should().Be(8883);
        s.UseTls.Should().BeTrue();
        s.CaCertificateFile.Should().Be("broker-ca.pem");
        s.Obd.Should().Be(ObdInterface.Elm327);
        s.Elm327BaudRate.Should().Be(0, "an absent rate means: detect it");
        s.GnssBaudRate.Should().Be(ProvisionedSettings.DefaultGnssBaudRate);
        s.SampleIntervalMs.Should().Be(0, "no override keeps the runtime's default");
        s.UploadIntervalMs.Should().Be(0);
    }

    [Fact]
    public void Windows_line_ends_blank_lines_comments_and_key_case_are_tolerated()
    {
        string text = "\r\n  # comment\r\n\r\n" + ProvisioningFiles.Complete.Replace("\n", "\r\n").Replace("device_id", "Device_ID");

        var result = Parse(text);

        Errors(result).Should().BeEmpty();
        result.Settings.DeviceId.Should().Be("box-0042");
        result.Settings.BrokerPort.Should().Be(8883);
    }

    [Fact]
    public void A_hash_inside_a_value_is_part_of_the_value_and_quotes_keep_outer_spaces()
    {
        var result = Parse(ProvisioningFiles.With("wifi_password", "wifi_password = \"  pass#word  \""));

        Errors(result).Should().BeEmpty();
        result.Settings.WifiPassword.Should().Be("  pass#word  ");
    }

    [Theory]
    [InlineData("device_id", "device_id is missing")]
    [InlineData("device_secret", "device_secret is missing")]
    [InlineData("broker_host", "broker_host is missing")]
    [InlineData("wifi_ssid", "wifi_ssid is missing")]
    public void A_missing_required_key_is_named(string key, string expected)
    {
        string text = ProvisioningFiles.Without(key);
        if (key == "wifi_ssid")
        {
            text = text.Replace("wifi_password = correct horse battery\n", string.Empty);
        }

        var result = Parse(text);

        result.IsValid.Should().BeFalse();
        Errors(result).Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Wifi_is_optional_where_the_operating_system_owns_the_network()
    {
        string text = ProvisioningFiles.Without("wifi_ssid").Replace("wifi_password = correct horse battery\n", string.Empty);

        Parse(text, requireWifi: false).IsValid.Should().BeTrue();
        Parse(text, requireWifi: true).IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData("broker_port = 0")]
    [InlineData("broker_port = 65536")]
    [InlineData("broker_port = 88a3")]
    [InlineData("broker_port = -1")]
    [InlineData("broker_port = +8883")]
    [InlineData("broker_port = 8 883")]
    [InlineData("broker_port = 12345678901")]
    public void A_bad_port_is_reported_with_its_line_and_value(string line)
    {
        var result = Parse(ProvisioningFiles.With("broker_port", line));

        Errors(result).Should().ContainSingle()
            .Which.Should().StartWith("line 7: broker_port must be a whole number from 1 to 65535")
            .And.Contain(line.Substring("broker_port = ".Length));
    }

    [Theory]
    [InlineData("true", 8883)]
    [InlineData("false", 1883)]
    public void Without_a_port_the_standard_one_for_the_transport_is_used(string tls, int expectedPort)
    {
        string text = ProvisioningFiles.Without("broker_port").Replace("tls = true", "tls = " + tls);
        if (tls == "false")
        {
            text = text.Replace("ca_certificate = broker-ca.pem\n", string.Empty);
        }

        var result = Parse(text);

        Errors(result).Should().BeEmpty();
        result.Settings.BrokerPort.Should().Be(expectedPort);
        result.Settings.UseTls.Should().Be(tls == "true");
    }

    [Fact]
    public void Unknown_keys_are_reported_not_ignored()
    {
        var result = Parse(ProvisioningFiles.Complete + "brokr_host = typo.example.org\n");

        Errors(result).Should().ContainSingle().Which.Should().Be("line 11: unknown key 'brokr_host'");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        string text = ProvisioningFiles.Complete
            .Replace("broker_port = 8883", "broker_port = many")
            .Replace("tls = true", "tls = yes")
            + "colour = red\nnot a setting\n";

        var result = Parse(text);

        Errors(result).Should().HaveCount(4);
        Errors(result).Should().Contain(e => e.StartsWith("line 7: broker_port", StringComparison.Ordinal));
        Errors(result).Should().Contain("line 8: tls must be true or false, not 'yes'");
        Errors(result).Should().Contain("line 11: unknown key 'colour'");
        Errors(result).Should().Contain("line 12: expected 'key = value', got 'not a setting'");
    }

    [Fact]
    public void A_key_set_twice_points_at_both_lines()
    {
        var result = Parse(ProvisioningFiles.Complete + "device_id = box-0043\n");

        Errors(result).Should().ContainSingle().Which.Should().Be("line 11: device_id is set twice (first on line 2)");
        result.Settings.DeviceId.Should().Be("box-0042", "the first value stands");
    }

    [Theory]
    [InlineData("device_id", "device_id = box/0042", "device_id may only hold")]
    [InlineData("device_id", "device_id = box+#", "device_id may only hold")]
    [InlineData("device_secret", "device_secret = short", "device_secret must be 16 to 128")]
    [InlineData("device_secret", "device_secret = has a space in the middle!!", "device_secret must be 16 to 128")]
    [InlineData("wifi_ssid", "wifi_ssid = 012345678901234567890123456789012", "wifi_ssid must be at most 32")]
    [InlineData("wifi_password", "wifi_password = 1234567", "wifi_password must be 8 to 63")]
    [InlineData("broker_host", "broker_host = mqtts://mqtt.example.org", "broker_host is a host name, not a URL")]
    [InlineData("broker_host", "broker_host = mqtt.example.org:8883", "broker_host must not carry a port")]
    [InlineData("broker_host", "broker_host = mqtt example", "broker_host must be a host name")]
    [InlineData("ca_certificate", "ca_certificate = I:\\certs\\ca.pem", "ca_certificate must be a bare file name")]
    [InlineData("obd_interface", "obd_interface = kline", "obd_interface must be elm327 or can")]
    [InlineData("device_id", "device_id =", "device_id has no value")]
    public void Bad_values_are_explained(string key, string line, string expected)
    {
        var result = Parse(ProvisioningFiles.With(key, line));

        result.IsValid.Should().BeFalse();
        Errors(result).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Fact]
    public void Tls_needs_a_ca_certificate_and_plain_mqtt_must_not_name_one()
    {
        Errors(Parse(ProvisioningFiles.Without("ca_certificate"))).Should().ContainSingle()
            .Which.Should().Contain("ca_certificate is missing");
        Errors(Parse(ProvisioningFiles.With("tls", "tls = false"))).Should().ContainSingle()
            .Which.Should().Be("line 9: ca_certificate is set but tls = false: remove one of them");
    }

    [Fact]
    public void Can_mode_takes_a_bit_rate_and_refuses_an_elm327_rate()
    {
        string can = ProvisioningFiles.With("obd_interface", "obd_interface = CAN") + "can_bitrate = 250000\n";

        var result = Parse(can);

        Errors(result).Should().BeEmpty();
        result.Settings.Obd.Should().Be(ObdInterface.Can);
        result.Settings.CanBitRate.Should().Be(250000);
        Errors(Parse(can + "elm327_baud = 38400\n")).Should().ContainSingle()
            .Which.Should().Be("line 12: elm327_baud only applies when obd_interface = elm327");
        Errors(Parse(ProvisioningFiles.Complete + "can_bitrate = 500000\n")).Should().ContainSingle()
            .Which.Should().Contain("can_bitrate only applies when obd_interface = can");
        Errors(Parse(can.Replace("250000", "125000"))).Should().ContainSingle()
            .Which.Should().Contain("can_bitrate must be 500000 or 250000");
    }

    [Fact]
    public void Optional_rates_and_sampling_overrides_are_read_and_range_checked()
    {
        string text = ProvisioningFiles.Complete +
            "elm327_baud = 115200\ngnss_baud = 38400\nsample_interval_ms = 500\nupload_interval_ms = 60000\n";

        var result = Parse(text);

        Errors(result).Should().BeEmpty();
        result.Settings.Elm327BaudRate.Should().Be(115200);
        result.Settings.GnssBaudRate.Should().Be(38400);
        result.Settings.SampleIntervalMs.Should().Be(500);
        result.Settings.UploadIntervalMs.Should().Be(60000);

        Errors(Parse(ProvisioningFiles.Complete + "elm327_baud = 19200\n")).Should().ContainSingle()
            .Which.Should().Contain("elm327_baud must be 38400, 9600, 115200, 57600, 230400 or 500000");
        Errors(Parse(ProvisioningFiles.Complete + "sample_interval_ms = 99\n")).Should().ContainSingle()
            .Which.Should().Be("line 11: sample_interval_ms must be a whole number from 100 to 3600000, not '99'");
        Errors(Parse(ProvisioningFiles.Complete + "upload_interval_ms = 86400001\n")).Should().ContainSingle()
            .Which.Should().Contain("upload_interval_ms must be a whole number from 1000 to 86400000");
    }

    [Fact]
    public void Non_ascii_bytes_are_pointed_at_rather_than_read_as_a_wrong_password()
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(ProvisioningFiles.With("wifi_password", "wifi_password = Passwört123"));

        var result = Parse(AsciiText.Decode(bytes, 0, bytes.Length));

        Errors(result).Should().ContainSingle().Which.Should().Be("line 5: only ASCII characters are allowed (the line holds a byte above 127)");
    }

    [Fact]
    public void An_empty_file_reports_every_required_key()
    {
        var result = Parse(string.Empty);

        Errors(result).Should().HaveCount(5, "id, secret, broker, Wi-Fi and the CA that TLS (on by default) needs");
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        var random = new Random(1234);
        string alphabet = "=#\"\r\n \tabcdeiklmnoprstuw_0123456789:/.-" + AsciiText.Invalid;
        for (int round = 0; round < 2000; round++)
        {
            char[] chars = new char[random.Next(0, 200)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = round % 2 == 0 ? new string(chars) : ProvisioningFiles.Complete.Substring(0, random.Next(ProvisioningFiles.Complete.Length)) + new string(chars);

            var act = () => Parse(text);

            act.Should().NotThrow();
        }
    }
}
