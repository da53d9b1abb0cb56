using System.Text.Json;
using System.Text.Json.Serialization;

namespace RydBox.Gateway.Events.Model;

/// <summary>
/// The one JSON form of events wherever they leave the process (stored, served by the API, in
/// alerts and webhooks): camelCase properties, enums as camelCase strings, the "kind"
/// discriminator (read in any place), times as unix milliseconds as the model has them.
/// </summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = false,
    };

    public static string Serialize(VehicleEvent vehicleEvent) => JsonSerializer.Serialize(vehicleEvent, Options);

    /// <exception cref="JsonException">Not an event.</exception>
    public static VehicleEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<VehicleEvent>(json, Options) ?? throw new JsonException("null is not an event");
}
