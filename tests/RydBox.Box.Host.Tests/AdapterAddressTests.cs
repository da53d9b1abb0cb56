using RydBox.Box.Host.Transports;

namespace RydBox.Box.Host.Tests;

public class AdapterAddressTests
{
    [Theory]
    [InlineData("/dev/ttyUSB0", "/dev/ttyUSB0", null, 0)]
    [InlineData("/dev/rfcomm0", "/dev/rfcomm0", null, 0)]
    [InlineData("tcp://192.168.0.10:35000", null, "192.168.0.10", 35000)]
    [InlineData("TCP://obd.local", null, "obd.local", 35000)]
    [InlineData("tcp://[::1]:3500", null, "::1", 3500)]
    [InlineData("tcp://[fe80::1]", null, "fe80::1", 35000)]
    public void Parses_serial_paths_and_tcp_addresses(string text, string? path, string? host, int port)
    {
        AdapterAddress.Parse(text).Should().Be(new AdapterAddress(path, host, port));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tcp://")]
    [InlineData("tcp://host:0")]
    [InlineData("tcp://host:port")]
    [InlineData("bt://00:11:22:33:44:55")]
    public void Rejects_what_is_neither(string text)
    {
        var parse = () => AdapterAddress.Parse(text);
        parse.Should().Throw<FormatException>();
    }
}
