namespace RydBox.Gateway.Events.Detectors.Trips;

/// <summary>Fuel burnt from the air the engine drew (MAF), for a petrol engine at stoichiometry.</summary>
public static class FuelMath
{
    /// <summary>Stoichiometric air/fuel mass ratio of petrol: 14.7 g of air burn 1 g of fuel.</summary>
    public const double StoichiometricAirFuelRatio = 14.7;

    /// <summary>Density of petrol, g/L (EN 228 allows 720–775).</summary>
    public const double PetrolDensityGramsPerLitre = 745;

    /// <summary>Litres of petrol burnt with <paramref name="airGrams"/> of air.</summary>
    public static double LitresFromAirGrams(double airGrams) => airGrams / (StoichiometricAirFuelRatio * PetrolDensityGramsPerLitre);
}
