using System.Text.Json;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Rules;

/// <summary>
/// A tenant's curfews (table curfews), for the API and the CLI: each watches one vehicle of the tenant
/// or all of them. The definition is the detector's <see cref="CurfewWindow"/> as JSON
/// (<see cref="EventJson.Options"/>). Every call names the tenant: another tenant's curfew or vehicle is
/// "not found". Refusals are <see cref="IdentityException"/> (Invalid → 400, NotFound → 404).
/// Every change moves <see cref="VehicleRulesReader.Version"/>.
/// </summary>
public sealed class CurfewRegistry(GatewayDatabase database, VehicleRulesReader rules, TimeProvider? timeProvider = null)
{
    public const string IdPrefix = "cf_";

    private readonly RuleTable _table = new(database, "curfews", IdPrefix);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="deviceId">The vehicle it watches; null for every vehicle of the tenant.</param>
    /// <exception cref="IdentityException">An invalid window: no days, no length, an unknown time zone (Invalid); unknown tenant, or a vehicle not of this tenant (NotFound).</exception>
    public CurfewRule Add(string tenantId, string? deviceId, CurfewWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        CurfewWindow stored = window with
        {
            Name = window.Name?.Trim()!,
            TimeZoneId = window.TimeZoneId?.Trim()!,
            Days = window.Days is null ? null! : [.. window.Days.Distinct().Order()],
        };
        try
        {
            stored.Validate();
        }
        catch (ArgumentException e)
        {
            throw IdentityException.Invalid(e.Message);
        }

        var rule = new CurfewRule(_table.NewId(), tenantId, GeofenceRegistry.NullIfBlank(deviceId), stored, Now());
        _table.Insert(new RuleRow(rule.Id, rule.TenantId, rule.DeviceId, JsonSerializer.Serialize(stored, EventJson.Options), rule.Created));
        rules.Changed();
        return rule;
    }

    /// <summary>The tenant's curfews ordered by id; with <paramref name="appliesTo"/> only those watching that vehicle (tenant-wide and its own).</summary>
    /// <exception cref="IdentityException">A vehicle not of this tenant (NotFound).</exception>
    public IReadOnlyList<CurfewRule> List(string tenantId, string? appliesTo = null) =>
        [.. _table.List(tenantId, GeofenceRegistry.NullIfBlank(appliesTo)).Select(Read)];

    /// <summary>The curfew, or null when the tenant has none with that id.</summary>
    public CurfewRule? Get(string tenantId, string id) => _table.Get(tenantId, id) is { } row ? Read(row) : null;

    /// <summary>False when the tenant has no curfew with that id.</summary>
    public bool Remove(string tenantId, string id)
    {
        bool removed = _table.Delete(tenantId, id);
        if (removed)
        {
            rules.Changed();
        }

        return removed;
    }

    internal static CurfewRule Read(RuleRow row) =>
        new(row.Id, row.TenantId, row.DeviceId, Definition(row), row.Created);

    /// <exception cref="JsonException">The stored definition is not a curfew window.</exception>
    internal static CurfewWindow Definition(RuleRow row) =>
        JsonSerializer.Deserialize<CurfewWindow>(row.Definition, EventJson.Options) ?? throw new JsonException($"curfew {row.Id}: null definition");

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
}
