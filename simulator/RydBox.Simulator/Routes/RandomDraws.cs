namespace RydBox.Simulator.Routes;

/// <summary>Draws the simulator's seeded models share (network layout, driver, GNSS noise).</summary>
internal static class RandomDraws
{
    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static double Between(this Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>A standard normal draw (Box-Muller; always two uniform draws, so sequences stay aligned).</summary>
    public static double NextGaussian(this Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
