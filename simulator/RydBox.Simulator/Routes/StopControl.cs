namespace RydBox.Simulator.Routes;

/// <summary>What makes a vehicle stop at an intersection or route point.</summary>
public enum StopControl
{
    None,

    /// <summary>Every vehicle stops.</summary>
    StopSign,

    /// <summary>A vehicle stops when the light is red, with the probability the point states.</summary>
    TrafficLight,
}
