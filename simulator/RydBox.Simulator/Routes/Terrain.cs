namespace RydBox.Simulator.Routes;

/// <summary>Seeded elevation of the synthetic area: a sum of sine waves (see <see cref="RoadNetworkOptions.TerrainWaves"/>).</summary>
internal sealed class Terrain
{
    private readonly double _base;
    private readonly (double Amplitude, double Kx, double Ky, double Phase)[] _waves;

    public Terrain(Random random, RoadNetworkOptions options)
    {
        _base = options.BaseElevationMetres;
        _waves = [.. options.TerrainWaves.Select(wave =>
        {
            double direction = random.Between(0, 2 * Math.PI);
            double k = 2 * Math.PI / wave.WavelengthMetres;
            return (wave.AmplitudeMetres, k * Math.Cos(direction), k * Math.Sin(direction), random.Between(0, 2 * Math.PI));
        })];
    }

    /// <summary>Elevation at <paramref name="east"/>/<paramref name="north"/> metres from the origin; <paramref name="broadOnly"/> leaves out all but the first wave (motorways cut through hills).</summary>
    public double ElevationMetres(double east, double north, bool broadOnly)
    {
        double elevation = _base;
        int count = broadOnly ? Math.Min(1, _waves.Length) : _waves.Length;
        for (int i = 0; i < count; i++)
        {
            var (amplitude, kx, ky, phase) = _waves[i];
            elevation += amplitude * Math.Sin(kx * east + ky * north + phase);
        }

        return elevation;
    }
}
