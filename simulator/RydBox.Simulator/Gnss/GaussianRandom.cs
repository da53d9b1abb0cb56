namespace RydBox.Simulator.Gnss;

internal static class GaussianRandom
{
    /// <summary>A standard normal draw (Box-Muller; uses two uniform draws every call, so the sequence stays aligned).</summary>
    public static double NextGaussian(this Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double Between(this Random random, double min, double max) => min + random.NextDouble() * (max - min);
}
