using System.Text.Json;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Rules;

/// <summary>
/// A tenant's geofences (table geofences), for the API and the CLI: each watches one vehicle of the
/// tenant or all of them. The definition is the detector's <see cref="Geofence"/> as JSON
/// (<see cref="EventJson.Options"/>) with its Id equal to the row's, so a <see cref="GeofenceEvent"/>'s
/// FenceId names the row. Every call names the tenant: another tenant's fence or vehicle is "not found".
/// Refusals are <see cref="IdentityException"/> (Invalid → 400, NotFound → 404), as for webhooks.
/// Every change moves <see cref="VehicleRulesReader.Version"/>.
/// </summary>
public sealed class GeofenceRegistry(GatewayDatabase database, VehicleRulesReader rules, TimeProvider? timeProvider = null)
{
    public const string IdPrefix = "gf_";

    private readonly RuleTable _table = new(database, "geofences", IdPrefix);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Stores <paramref name="fence"/> under a new id (its own Id is replaced; make it with
    /// <see cref="Geofence.Circle"/> or <see cref="Geofence.Polygon"/> and any id, e.g. "").
    /// </summary>
    /// <param name="deviceId">The vehicle it watches; null for every vehicle of the tenant.</param>
    /// <exception cref="IdentityException">An invalid shape (Invalid); unknown tenant, or a vehicle not of this tenant (NotFound).</exception>
    public GeofenceRule Add(string tenantId, string? deviceId, Geofence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        string id = _table.NewId();
        Geofence stored = fence with { Id = id, Name = fence.Name?.Trim()! };
        if (string.IsNullOrEmpty(stored.Name))
        {
            throw IdentityException.Invalid("a geofence needs a name");
        }

        try
        {
            stored.Validate();
        }
        catch (ArgumentException e)
        {
            // The detector names the fence by its new, random id: the person adding it knows it by its name.
            throw IdentityException.Invalid(e.Message.Replace($"Geofence '{id}'", $"Geofence \"{stored.Name}\"", StringComparison.Ordinal));
        }

        var rule = new GeofenceRule(id, tenantId, NullIfBlank(deviceId), stored, Now());
        _table.Insert(new RuleRow(rule.Id, rule.TenantId, rule.DeviceId, JsonSerializer.Serialize(stored, EventJson.Options), rule.Created));
        rules.Changed();
        return rule;
    }

    /// <summary>The tenant's fences ordered by id; with <paramref name="appliesTo"/> only those watching that vehicle (tenant-wide and its own).</summary>
    /// <exception cref="IdentityException">A vehicle not of this tenant (NotFound).</exception>
    public IReadOnlyList<GeofenceRule> List(string tenantId, string? appliesTo = null) =>
        [.. _table.List(tenantId, NullIfBlank(appliesTo)).Select(Read)];

    /// <summary>The fence, or null when the tenant has none with that id.</summary>
    public GeofenceRule? Get(string tenantId, string id) => _table.Get(tenantId, id) is { } row ? Read(row) : null;

    /// <summary>False when the tenant has no fence with that id.</summary>
    public bool Remove(string tenantId, string id)
    {
        bool removed = _table.Delete(tenantId, id);
        if (removed)
        {
            rules.Changed();
        }

        return removed;
    }

    internal static GeofenceRule Read(RuleRow row) =>
        new(row.Id, row.TenantId, row.DeviceId, Definition(row), row.Created);

    /// <exception cref="JsonException">The stored definition is not a geofence.</exception>
    internal static Geofence Definition(RuleRow row) =>
        JsonSerializer.Deserialize<Geofence>(row.Definition, EventJson.Options) ?? throw new JsonException($"geofence {row.Id}: null definition");

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
}
