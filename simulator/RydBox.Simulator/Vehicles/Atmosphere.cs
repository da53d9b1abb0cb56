namespace RydBox.Simulator.Vehicles;

/// <summary>Air pressure and density where the vehicle is.</summary>
internal static class Atmosphere
{
    private const double SeaLevelKpa = 101.325;

    /// <summary>Isothermal scale height of the lower atmosphere, m.</summary>
    private const double ScaleHeightMetres = 8_434;

    private const double AirGasConstant = 287.05;

    public static double BarometricKpa(double altitudeMetres) => SeaLevelKpa * Math.Exp(-altitudeMetres / ScaleHeightMetres);

    public static double DensityKgPerCubicMetre(double pressureKpa, double celsius) => pressureKpa * 1_000 / (AirGasConstant * (celsius + 273.15));
}
