namespace RydBox.Simulator.Routes;

/// <summary>The motorway's course: west to east across the area, swinging north and south in one long seeded sine (see <see cref="RoadNetworkOptions"/>).</summary>
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

    public static MotorwayLine Create(Random random, RoadNetworkOptions options)
    {
        double amplitude = Math.Min(random.Between(options.MinMotorwaySwingMetres, options.MaxMotorwaySwingMetres), options.AreaHeightMetres / 6);
        double wavelength = random.Between(options.MinMotorwayWavelengthMetres, options.MaxMotorwayWavelengthMetres);
        return new MotorwayLine(amplitude, 2 * Math.PI / wavelength, random.Between(0, 2 * Math.PI));
    }

    public double NorthAt(double east) => _amplitude * Math.Sin(_wavenumber * east + _phase);

    public LocalPoint At(double east) => new(east, NorthAt(east));
}
