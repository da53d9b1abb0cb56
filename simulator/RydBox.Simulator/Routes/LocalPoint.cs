namespace RydBox.Simulator.Routes;

/// <summary>A position in metres east and north of the network's origin, used while laying out roads.</summary>
internal readonly record struct LocalPoint(double East, double North)
{
    public double DistanceTo(LocalPoint other) => Math.Sqrt(Sq(East - other.East) + Sq(North - other.North));

    public static LocalPoint Lerp(LocalPoint a, LocalPoint b, double t) =>
        new(a.East + (b.East - a.East) * t, a.North + (b.North - a.North) * t);

    private static double Sq(double x) => x * x;
}
