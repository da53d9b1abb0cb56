namespace RydBox.Simulator.Time;

/// <summary>
/// How fast a virtual box's time runs: <see cref="Active"/> while anything happens (driving,
/// towing, the engine running), <see cref="Parked"/> through long quiet stretches. Boxes sample
/// once a second while driving, so the active speed bounds how faithfully the firmware's timing
/// is reproduced; a parked box samples every minute or five, so it can run much faster.
/// </summary>
/// <param name="Active">Simulated seconds per real second while something happens.</param>
/// <param name="Parked">Simulated seconds per real second while the vehicle stands parked.</param>
public sealed record SimulationPace(double Active, double Parked)
{
    public static SimulationPace Constant(double speed) => new(speed, speed);
}
