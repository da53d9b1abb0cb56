namespace RydBox.Simulator.Routes;

/// <summary>
/// Shape of the synthetic network <see cref="RoadNetworkGenerator"/> builds. Every random choice
/// comes from the seed; these parameters set the ranges it chooses from.
/// </summary>
public sealed record RoadNetworkOptions
{
    /// <summary>Centre of the area, degrees. Default 48.37 N 10.90 E: rolling country in Bavarian Swabia.</summary>
    public GeoPoint Origin { get; init; } = new(48.3705, 10.8978);

    /// <summary>East-west extent of the area, m. Default 36 000.</summary>
    public double AreaWidthMetres { get; init; } = 36_000;

    /// <summary>North-south extent of the area, m. Default 24 000.</summary>
    public double AreaHeightMetres { get; init; } = 24_000;

    /// <summary>Towns wanted; fewer are built when they do not fit with <see cref="MinTownSpacingMetres"/>. Default 6.</summary>
    public int TownCount { get; init; } = 6;

    /// <summary>Least distance between town centres, m. Default 6 000.</summary>
    public double MinTownSpacingMetres { get; init; } = 6_000;

    /// <summary>Least distance of a town centre from the motorway, m. Default 2 500.</summary>
    public double MinTownMotorwayDistanceMetres { get; init; } = 2_500;

    /// <summary>Blocks per side of a town's street grid: an even number between these, inclusive. Default 4..6.</summary>
    public int MinTownBlocks { get; init; } = 4;

    public int MaxTownBlocks { get; init; } = 6;

    /// <summary>Street block length range, m. Default 160..240.</summary>
    public double MinBlockMetres { get; init; } = 160;

    public double MaxBlockMetres { get; init; } = 240;

    /// <summary>Largest random shift of a town intersection from its grid position, m. Default 15.</summary>
    public double IntersectionJitterMetres { get; init; } = 15;

    /// <summary>Speed limit of side streets (30 km/h zones). Default 30.</summary>
    public double ResidentialSpeedLimitKmh { get; init; } = 30;

    /// <summary>Speed limit of a town's two main streets. Default 50.</summary>
    public double MainStreetSpeedLimitKmh { get; init; } = 50;

    /// <summary>Speed limit of rural roads near towns and junctions. Default 70.</summary>
    public double RuralSlowSpeedLimitKmh { get; init; } = 70;

    /// <summary>Speed limit of rural roads in open country (the German default outside towns). Default 100.</summary>
    public double RuralSpeedLimitKmh { get; init; } = 100;

    /// <summary>
    /// Speed limit used for the motorway. German motorways are partly unrestricted; those stretches
    /// carry the 130 km/h advisory speed, so the whole motorway is 130. Default 130.
    /// </summary>
    public double MotorwaySpeedLimitKmh { get; init; } = 130;

    /// <summary>Length of the 70 km/h zone at each end of a rural road, m. Default 600.</summary>
    public double RuralSlowZoneMetres { get; init; } = 600;

    /// <summary>
    /// How far the motorway swings north and south of the area's centre line, m (capped at a sixth of
    /// the area's height). Default 1 500..3 000.
    /// </summary>
    public double MinMotorwaySwingMetres { get; init; } = 1_500;

    public double MaxMotorwaySwingMetres { get; init; } = 3_000;

    /// <summary>Wavelength of the motorway's swing, m: curve radii of several kilometres, as motorways are built. Default 30 000..50 000.</summary>
    public double MinMotorwayWavelengthMetres { get; init; } = 30_000;

    public double MaxMotorwayWavelengthMetres { get; init; } = 50_000;

    /// <summary>Distance between motorway junctions, m. Default 7 000..9 000.</summary>
    public double MinJunctionSpacingMetres { get; init; } = 7_000;

    public double MaxJunctionSpacingMetres { get; init; } = 9_000;

    /// <summary>Length of the motorway tunnel, m. Default 600..1 200.</summary>
    public double MinMotorwayTunnelMetres { get; init; } = 600;

    public double MaxMotorwayTunnelMetres { get; init; } = 1_200;

    /// <summary>Chance that a rural road longer than <see cref="RuralTunnelMinRoadMetres"/> has a tunnel. Default 0.3.</summary>
    public double RuralTunnelProbability { get; init; } = 0.3;

    public double RuralTunnelMinRoadMetres { get; init; } = 4_000;

    /// <summary>Length of a rural tunnel, m. Default 300..700.</summary>
    public double MinRuralTunnelMetres { get; init; } = 300;

    public double MaxRuralTunnelMetres { get; init; } = 700;

    /// <summary>Largest sideways bend of a rural road from the straight line, m. Default 300.</summary>
    public double MaxRoadBendMetres { get; init; } = 300;

    /// <summary>Share of the time a traffic light is red on arrival (its stop probability). Default 0.5.</summary>
    public double RedLightProbability { get; init; } = 0.5;

    /// <summary>Share of main-street intersections (besides the centre) with traffic lights. Default 0.3.</summary>
    public double MainStreetTrafficLightShare { get; init; } = 0.3;

    /// <summary>Share of side-street intersections with a stop sign. Default 0.2.</summary>
    public double SideStreetStopSignShare { get; init; } = 0.2;

    /// <summary>Longest distance between consecutive shape points of a road, m. Default 50.</summary>
    public double ShapeSpacingMetres { get; init; } = 50;

    /// <summary>Mean elevation of the area, m above sea level. Default 480.</summary>
    public double BaseElevationMetres { get; init; } = 480;

    /// <summary>
    /// Terrain as a sum of seeded sine waves in random directions: amplitude (m) and wavelength (m) of
    /// each. The first is the broad terrain the motorway follows; the others are the hills that
    /// only minor roads climb. Default (35 m, 9 km), (15 m, 3.5 km), (5 m, 1.2 km): grades up to ~8 %.
    /// </summary>
    public IReadOnlyList<(double AmplitudeMetres, double WavelengthMetres)> TerrainWaves { get; init; } =
        [(35, 9_000), (15, 3_500), (5, 1_200)];
}
