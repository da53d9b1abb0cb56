namespace RydBox.Firmware.Tests.HardwareDocs;

/// <summary>
/// The wiring tables a builder solders by and the pin map the firmware runs with must say the same
/// thing: a mismatch is a box that does not talk to its GNSS, found only in a car.
/// </summary>
public class PinTableAgreementTests
{
    private static readonly IReadOnlyList<PinAssignment> PinMap =
        PinSources.FromPinMap(RepositoryFiles.Read(PinSources.PinMapFile));

    private static readonly IReadOnlyList<PinAssignment> Documented =
        Directory.GetFiles(RepositoryFiles.PathOf(PinSources.DocsFolder), "*.md")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => PinSources.FromMarkdown(File.ReadAllText(f), Path.GetFileName(f)))
            .ToList();

    [Fact]
    public void Both_sides_were_read()
    {
        PinMap.Should().HaveCountGreaterThan(10, "PinMap.cs holds the UARTs, SPI, LED, ADC and I2C pins");
        Documented.Should().HaveCountGreaterThan(10, "wiring.md tables have a 'PinMap constant' and an 'ESP32 GPIO' column");
    }

    [Fact]
    public void Every_pin_map_constant_is_documented_with_the_same_gpio()
    {
        foreach (var pin in PinMap)
        {
            var rows = Documented.Where(d => d.Name == pin.Name).ToList();
            rows.Should().NotBeEmpty("{0} (GPIO {1}) must appear in a hardware-docs wiring table", pin.Name, pin.Gpio);
            rows.Should().OnlyContain(d => d.Gpio == pin.Gpio, "PinMap.cs says {0} is GPIO {1}", pin.Name, pin.Gpio);
        }
    }

    [Fact]
    public void Every_documented_pin_is_in_the_pin_map()
    {
        var known = PinMap.Select(p => p.Name).ToHashSet();
        Documented.Where(d => !known.Contains(d.Name))
            .Should().BeEmpty("a wired pin the firmware does not know about is a documentation error");
    }

    [Fact]
    public void No_gpio_is_used_twice()
    {
        PinMap.GroupBy(p => p.Gpio).Where(g => g.Count() > 1)
            .Select(g => "GPIO " + g.Key + ": " + string.Join(", ", g.Select(p => p.Name)))
            .Should().BeEmpty();
        Documented.GroupBy(d => d.Gpio).Where(g => g.Select(d => d.Name).Distinct().Count() > 1)
            .Select(g => "GPIO " + g.Key + ": " + string.Join(", ", g.Select(d => d.Name + " (" + d.Source + ")")))
            .Should().BeEmpty();
    }

    [Fact]
    public void No_pin_is_one_the_esp32_module_needs_for_itself()
    {
        int[] reserved = { 0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 15 };
        PinMap.Where(p => reserved.Contains(p.Gpio)).Should().BeEmpty("flash, UART0 and strapping pins are not free on an ESP32-WROOM-32E");
    }

    [Fact]
    public void The_table_reader_sees_a_disagreement()
    {
        const string table = "| Part pin | PinMap constant | ESP32 GPIO |\n|---|---|---|\n| RX | `GnssRx` | 13 |\n\n| Pin | Signal |\n|---|---|\n| 16 | Battery |\n";

        var rows = PinSources.FromMarkdown(table, "sample.md");

        rows.Should().ContainSingle().Which.Should().Be(new PinAssignment("GnssRx", 13, "sample.md line 3"));
        PinMap.Single(p => p.Name == "GnssRx").Gpio.Should().NotBe(13);
    }
}
