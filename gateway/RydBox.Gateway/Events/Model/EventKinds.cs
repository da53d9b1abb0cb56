namespace RydBox.Gateway.Events.Model;

/// <summary>The names of event kinds as the API, the alert topics and the webhooks spell them.</summary>
public static class EventKinds
{
    public const string Trip = "trip";
    public const string Towing = "towing";
    public const string Geofence = "geofence";
    public const string Speeding = "speeding";
    public const string Curfew = "curfew";
    public const string Dtc = "dtc";
    public const string LowBattery = "low_battery";
    public const string Offline = "offline";

    public static IReadOnlyList<string> All { get; } = [Trip, Towing, Geofence, Speeding, Curfew, Dtc, LowBattery, Offline];
}
