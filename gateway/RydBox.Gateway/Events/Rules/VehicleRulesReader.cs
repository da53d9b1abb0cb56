using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Rules;

/// <summary>
/// The family-safety rules the event processor configures a device's detectors with, and a
/// <see cref="Version"/> that moves whenever any rule of any tenant changes, so the processor knows
/// when to rebuild a device's <see cref="DetectorSet"/> (compare the version it built with).
/// </summary>
public sealed class VehicleRulesReader : IVehicleRulesSource
{
    /// <summary>How often <see cref="Version"/> looks at the tables for changes made by another process (the CLI).</summary>
    public static readonly TimeSpan DefaultExternalCheckInterval = TimeSpan.FromSeconds(10);

    private readonly RuleTable _geofences;
    private readonly RuleTable _curfews;
    private readonly long _externalCheckMs;
    private long _version;
    // 0: the first read takes the tables' fingerprint at once, so what changes after it is noticed.
    private long _nextExternalCheck;
    private string? _fingerprint;

    public VehicleRulesReader(GatewayDatabase db)
        : this(db, DefaultExternalCheckInterval)
    {
    }

    /// <param name="externalCheckInterval">How often <see cref="Version"/> looks for changes another process made (tests shorten it).</param>
    internal VehicleRulesReader(GatewayDatabase db, TimeSpan externalCheckInterval)
    {
        _geofences = new RuleTable(db, "geofences", GeofenceRegistry.IdPrefix);
        _curfews = new RuleTable(db, "curfews", CurfewRegistry.IdPrefix);
        _externalCheckMs = (long)externalCheckInterval.TotalMilliseconds;
    }

    /// <summary>
    /// Moves (only up) on every change the registries of this process make, at once, and within
    /// <see cref="DefaultExternalCheckInterval"/> of a change another process (`rydbox-gateway geofences add`
    /// on the same database) made. Cheap to read: the tables are looked at only once per interval.
    /// Read it before <see cref="For"/>: a change between the two then shows as a newer version.
    /// </summary>
    public long Version
    {
        get
        {
            long now = Environment.TickCount64;
            long due = Interlocked.Read(ref _nextExternalCheck);
            if (now >= due && Interlocked.CompareExchange(ref _nextExternalCheck, now + _externalCheckMs, due) == due)
            {
                CheckForExternalChanges();
            }

            return Interlocked.Read(ref _version);
        }
    }

    /// <summary>
    /// The rules watching <paramref name="deviceId"/>: the tenant's tenant-wide geofences and curfews
    /// and the vehicle's own, each ordered by id so the same rules always make the same detectors. A
    /// stored definition that no longer reads or validates (edited by hand) is left out rather than
    /// stopping detection for the device.
    /// </summary>
    public VehicleRules For(string tenantId, string deviceId)
    {
        var fences = new List<Geofence>();
        foreach (RuleRow row in _geofences.ApplyingTo(tenantId, deviceId))
        {
            if (Usable(() => GeofenceRegistry.Definition(row), fence => fence.Validate()) is { } fence)
            {
                fences.Add(fence);
            }
        }

        var windows = new List<CurfewWindow>();
        foreach (RuleRow row in _curfews.ApplyingTo(tenantId, deviceId))
        {
            if (Usable(() => CurfewRegistry.Definition(row), window => window.Validate()) is { } window)
            {
                windows.Add(window);
            }
        }

        return fences.Count == 0 && windows.Count == 0 ? VehicleRules.None : new VehicleRules(fences, windows);
    }

    /// <summary>The registries call this after every change they made.</summary>
    internal void Changed() => Interlocked.Increment(ref _version);

    private void CheckForExternalChanges()
    {
        string fingerprint;
        try
        {
            fingerprint = _geofences.Fingerprint() + "|" + _curfews.Fingerprint();
        }
        catch (SqliteException)
        {
            // The database busy for a moment: look again at the next interval.
            return;
        }

        string? previous = Interlocked.Exchange(ref _fingerprint, fingerprint);
        if (previous is not null && previous != fingerprint)
        {
            Changed();
        }
    }

    private static T? Usable<T>(Func<T> read, Action<T> validate)
        where T : class
    {
        try
        {
            T value = read();
            validate(value);
            return value;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
