namespace RydBox.Simulator.Ecus;

/// <summary>What identifies a virtual vehicle to a tester: its VIN.</summary>
public sealed record VehicleIdentity(string Vin)
{
    /// <summary>A world manufacturer identifier no real maker holds, so a simulated VIN is never mistaken for a car's.</summary>
    public const string FictionalManufacturer = "RYD";

    /// <summary>ISO 3779 VIN characters: digits and capitals without I, O and Q.</summary>
    private const string VinCharacters = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>Model-year codes (position 10) for 2018 to 2026.</summary>
    private const string ModelYears = "JKLMNPRST";

    private const int DescriptorLength = 5;
    private const int SerialLength = 7;

    /// <summary>The North American check digit weights; position 9 (the check digit itself) weighs 0.</summary>
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>A valid 17-character VIN drawn from <paramref name="random"/>, check digit included.</summary>
    public static VehicleIdentity Generate(Random random)
    {
        char[] vin =
        [
            .. FictionalManufacturer,
            .. Draw(random, VinCharacters, DescriptorLength),
            '0',
            ModelYears[random.Next(ModelYears.Length)],
            .. Draw(random, VinCharacters, SerialLength),
        ];
        vin[8] = CheckDigit(vin);
        return new VehicleIdentity(new string(vin));
    }

    private static char[] Draw(Random random, string alphabet, int count) =>
        Enumerable.Range(0, count).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();

    private static char CheckDigit(char[] vin)
    {
        int sum = vin.Select((c, i) => Transliterate(c) * Weights[i]).Sum();
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    // ISO 3779 transliteration: A-H = 1-8, J-R = 1-9 (no O, Q), S-Z = 2-9.
    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'R' => c - 'J' + 1,
        _ => c - 'S' + 2,
    };
}
