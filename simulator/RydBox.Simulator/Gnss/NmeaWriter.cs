using System.Globalization;
using System.Text;

namespace RydBox.Simulator.Gnss;

/// <summary>
/// Writes a <see cref="GnssSolution"/> as NMEA 0183 (version 2.3 fields, with mode indicators):
/// RMC, GGA, GSA and VTG, each "$...*hh\r\n" with its checksum. Without a fix the sentences keep
/// their fields empty and say so (RMC 'V', GGA quality 0, GSA mode 1, mode 'N'); time and date are
/// empty until the receiver knows them. UTC = <c>utcAtZero</c> + the epoch's simulation time.
/// </summary>
public sealed class NmeaWriter(DateTime utcAtZero, string talker = "GP")
{
    /// <summary>Geoid height above the ellipsoid stated in GGA, m: about that of southern Germany.</summary>
    public const double GeoidSeparationMetres = 47.5;

    private const double KmhPerKnot = 1.852;
    private const string NoDop = "99.99";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sentences of one epoch, in the order receivers send them.</summary>
    public IReadOnlyList<string> Epoch(GnssSolution solution)
    {
        DateTime utc = DateTime.SpecifyKind(utcAtZero, DateTimeKind.Utc).AddMilliseconds(solution.TimeMilliseconds);
        string time = solution.TimeKnown ? utc.ToString("HHmmss.ff", Invariant) : "";
        string date = solution.TimeKnown ? utc.ToString("ddMMyy", Invariant) : "";
        return solution.HasFix
            ? [Rmc(solution, time, date), Vtg(solution), Gga(solution, time), Gsa(solution)]
            : [Sentence($"{talker}RMC,{time},V,,,,,,,{date},,,N"), Sentence($"{talker}VTG,,T,,M,,N,,K,N"),
               Sentence($"{talker}GGA,{time},,,,,0,00,{NoDop},,,,,,"), Sentence($"{talker}GSA,A,1,,,,,,,,,,,,,{NoDop},{NoDop},{NoDop}")];
    }

    /// <summary>"$" + <paramref name="body"/> + "*hh\r\n", hh the XOR of the body's bytes in upper-case hex.</summary>
    public static string Sentence(string body)
    {
        int checksum = 0;
        foreach (char c in body)
        {
            checksum ^= c;
        }

        return string.Create(Invariant, $"${body}*{checksum:X2}\r\n");
    }

    private string Rmc(GnssSolution s, string time, string date) =>
        Sentence($"{talker}RMC,{time},A,{Latitude(s.Latitude)},{Longitude(s.Longitude)},{Knots(s)},{Course(s)},{date},,,A");

    private string Vtg(GnssSolution s) =>
        Sentence($"{talker}VTG,{Course(s)},T,,M,{Knots(s)},N,{s.SpeedKmh.ToString("0.00", Invariant)},K,A");

    private string Gga(GnssSolution s, string time) => Sentence(string.Create(Invariant,
        $"{talker}GGA,{time},{Latitude(s.Latitude)},{Longitude(s.Longitude)},1,{s.SatellitesUsed:00},{s.Hdop:0.00},{s.AltitudeMetres:0.0},M,{GeoidSeparationMetres:0.0},M,,"));

    private string Gsa(GnssSolution s)
    {
        var body = new StringBuilder($"{talker}GSA,A,3");
        for (int i = 0; i < 12; i++)
        {
            body.Append(',');
            if (i < s.SatelliteIds.Count)
            {
                body.Append(s.SatelliteIds[i].ToString("00", Invariant));
            }
        }

        body.Append(string.Create(Invariant, $",{s.Pdop:0.00},{s.Hdop:0.00},{s.Vdop:0.00}"));
        return Sentence(body.ToString());
    }

    private static string Knots(GnssSolution s) => (s.SpeedKmh / KmhPerKnot).ToString("0.000", Invariant);

    private static string Course(GnssSolution s) => s.CourseDegrees is { } course
        ? (Math.Round(course, 2) % 360).ToString("0.00", Invariant)
        : "";

    private static string Latitude(double degrees) => Coordinate(degrees, 2, 'N', 'S');

    private static string Longitude(double degrees) => Coordinate(degrees, 3, 'E', 'W');

    /// <summary>"ddmm.mmmmm,N" (or dddmm.mmmmm for longitude): degrees and minutes to 1/100 000 (about 2 cm).</summary>
    private static string Coordinate(double degrees, int degreeDigits, char positive, char negative)
    {
        double absolute = Math.Abs(degrees);
        long hundredThousandthsOfMinute = (long)Math.Round(absolute * 60 * 100_000);
        long whole = hundredThousandthsOfMinute / (60 * 100_000);
        double minutes = (hundredThousandthsOfMinute - whole * 60 * 100_000) / 100_000.0;
        string wholeText = whole.ToString(new string('0', degreeDigits), Invariant);
        return $"{wholeText}{minutes.ToString("00.00000", Invariant)},{(degrees < 0 ? negative : positive)}";
    }
}
