namespace RydBox.Simulator.Routes;

/// <summary>Kinds of road in the synthetic network; each has its speed limits (see <see cref="RoadNetworkOptions"/>).</summary>
public enum RoadClass
{
    /// <summary>Town streets: 30 km/h zones, 50 km/h main streets.</summary>
    Residential,

    /// <summary>Roads between towns: 70 km/h near towns, 100 km/h in open country.</summary>
    Rural,

    /// <summary>Motorway: 130 km/h; unrestricted stretches are driven at the 130 km/h advisory speed.</summary>
    Motorway,
}
