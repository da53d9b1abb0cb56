namespace RydBox.Simulator.Routes;

/// <summary>The motorway's course: west to east across the area, swinging north and south in one long seeded sine.</summary>
internal sealed class MotorwayLine
{
    private readonly double _amplitude;
    private readonly double _wavenumber;
    private readonly double _phase;

    private MotorwayLine(double amplitude, double wavenumber, double phase)
    {
        _amplitude = amplitude;
        _wavenumber = wavenumber;
        _phase = phase;
    }

    /// <summary>Swing 1.5..3 km, wavelength 30..50 km: curve radii of several kilometres, as motorways are built.</summary>
    public static MotorwayLine Create(Random random, RoadNetworkOptions options)
    {
        double amplitude = Math.Min(1_500 + random.NextDouble() * 1_500, options.AreaHeightMetres / 6);
        double wavelength = 30_000 + random.NextDouble() * 20_000;
        return new MotorwayLine(amplitude, 2 * Math.PI / wavelength, random.NextDouble() * 2 * Math.PI);
    }

    public double NorthAt(double east) => _amplitude * Math.Sin(_wavenumber * east + _phase);

    public LocalPoint At(double east) => new(east, NorthAt(east));
}
