using RydBox.Firmware.Obd.Dtc;
using RydBox.Firmware.Obd.Services;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Tests.Ecus;

public sealed class IdentityAndCodeTests
{
    [Fact]
    public void A_generated_VIN_is_valid_and_follows_from_the_seed()
    {
        var vins = Enumerable.Range(0, 50).Select(seed => VehicleIdentity.Generate(new Random(seed)).Vin).ToList();

        foreach (string vin in vins)
        {
            byte[] bytes = vin.Select(c => (byte)c).ToArray();
            VehicleInformation.DecodeVin(bytes, bytes.Length).Should().Be(vin);
            vin.Should().StartWith(VehicleIdentity.FictionalManufacturer);
            vin[8].Should().Be(ExpectedCheckDigit(vin));
        }

        vins.Should().OnlyHaveUniqueItems();
        VehicleIdentity.Generate(new Random(7)).Should().Be(VehicleIdentity.Generate(new Random(7)));
    }

    [Theory]
    [InlineData("P0301")]
    [InlineData("C1234")]
    [InlineData("B2AF0")]
    [InlineData("U0100")]
    [InlineData("P3FFF")]
    public void Trouble_code_text_reads_back_as_the_firmware_formats_it(string code)
    {
        DtcCode.ToText(DtcText.Parse(code)).Should().Be(code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P030")]
    [InlineData("X0301")]
    [InlineData("P4301")]
    [InlineData("P03G1")]
    public void Malformed_trouble_code_text_is_refused(string code)
    {
        FluentActions.Invoking(() => DtcText.Parse(code)).Should().Throw<FormatException>();
    }

    // Computed independently of the generator: the ISO 3779 table spelled out.
    private static char ExpectedCheckDigit(string vin)
    {
        int[] weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            char c = vin[i];
            int value = char.IsDigit(c) ? c - '0' : TransliterationOf(c);
            sum += value * weights[i];
        }

        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);

        static int TransliterationOf(char c) => "ABCDEFGH".Contains(c) ? c - 'A' + 1 : "JKLMN".Contains(c) ? c - 'J' + 1 : c == 'P' ? 7 : c == 'R' ? 9 : c - 'S' + 2;
    }
}
