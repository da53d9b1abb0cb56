namespace RydBox.Firmware.Tests.Provisioning;

/// <summary>Provisioning file texts the tests start from.</summary>
internal static class ProvisioningFiles
{
    public const string Complete =
        "# RydBox provisioning\n" +
        "device_id = box-0042\n" +
        "device_secret = 9f86d081884c7d659a2feaa0c55ad015\n" +
        "wifi_ssid = Garage\n" +
        "wifi_password = correct horse battery\n" +
        "broker_host = mqtt.example.org\n" +
        "broker_port = 8883\n" +
        "tls = true\n" +
        "ca_certificate = broker-ca.pem\n" +
        "obd_interface = elm327\n";

    /// <summary><see cref="Complete"/> without the line whose key is <paramref name="key"/>.</summary>
    public static string Without(string key)
    {
        var lines = Complete.Split('\n').Where(l => !l.StartsWith(key + " ", StringComparison.Ordinal));
        return string.Join("\n", lines);
    }

    /// <summary><see cref="Complete"/> with the line of <paramref name="key"/> replaced by <paramref name="line"/>.</summary>
    public static string With(string key, string line)
    {
        var lines = Complete.Split('\n').Select(l => l.StartsWith(key + " ", StringComparison.Ordinal) ? line : l);
        return string.Join("\n", lines);
    }
}
