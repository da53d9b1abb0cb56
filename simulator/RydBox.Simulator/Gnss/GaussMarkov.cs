using RydBox.Simulator.Routes;

namespace RydBox.Simulator.Gnss;

/// <summary>
/// A stationary first-order Gauss-Markov process with unit variance: x ← φx + √(1−φ²)·w, φ = e^(−Δt/τ).
/// Starts from a draw of its stationary distribution.
/// </summary>
internal sealed class GaussMarkov(double stepSeconds, double correlationSeconds, Random random)
{
    private readonly double _phi = Math.Exp(-stepSeconds / correlationSeconds);

    public double Value { get; private set; } = random.NextGaussian();

    public void Step(double noise) => Value = _phi * Value + Math.Sqrt(1 - _phi * _phi) * noise;
}
