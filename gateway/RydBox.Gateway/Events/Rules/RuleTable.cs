using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Events.Rules;

/// <summary>A stored rule row as read: the definition is still JSON, the registry turns it into its record.</summary>
internal sealed record RuleRow(string Id, string TenantId, string? DeviceId, string Definition, DateTimeOffset Created);

/// <summary>
/// The SQL both rule tables share (geofences and curfews have the same columns, migration 5): rows
/// scoped to a tenant, and optionally one of its vehicles. Every read and delete names the tenant,
/// so another tenant's rule is simply not found.
/// </summary>
internal sealed class RuleTable(GatewayDatabase database, string table, string idPrefix)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Columns = "id, tenant_id, device_id, definition, created_ms";

    /// <summary>Like the webhook ids: a prefix and 12 random characters, so ids say what they name and cannot be guessed.</summary>
    public string NewId() => idPrefix + RandomNumberGenerator.GetString(Alphabet, 12);

    /// <exception cref="IdentityException">Unknown tenant, or a vehicle not of this tenant (NotFound).</exception>
    public void Insert(RuleRow row)
    {
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        RequireTenant(connection, transaction, row.TenantId);
        if (row.DeviceId is string device)
        {
            RequireVehicle(connection, transaction, row.TenantId, device);
        }

        using SqliteCommand insert = Command(
            connection,
            transaction,
            $"INSERT INTO {table} ({Columns}) VALUES ($id, $tenant, $device, $definition, $created)",
            ("$id", row.Id),
            ("$tenant", row.TenantId),
            ("$device", row.DeviceId),
            ("$definition", row.Definition),
            ("$created", row.Created.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// The tenant's rows ordered by id; with <paramref name="appliesTo"/> only those that watch that
    /// vehicle: the tenant-wide ones and its own.
    /// </summary>
    /// <exception cref="IdentityException">A vehicle not of this tenant (NotFound).</exception>
    public IReadOnlyList<RuleRow> List(string tenantId, string? appliesTo)
    {
        using SqliteConnection connection = database.Open();
        if (appliesTo is string device)
        {
            RequireVehicle(connection, null, tenantId, device);
        }

        return Read(connection, tenantId, appliesTo, all: appliesTo is null);
    }

    /// <summary>The rows that watch one vehicle, without checking that it exists (the event processor asks for its own devices).</summary>
    public IReadOnlyList<RuleRow> ApplyingTo(string tenantId, string deviceId)
    {
        using SqliteConnection connection = database.Open();
        return Read(connection, tenantId, deviceId, all: false);
    }

    public RuleRow? Get(string tenantId, string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM {table} WHERE id = $id AND tenant_id = $tenant", ("$id", id), ("$tenant", tenantId));
        return ReadRows(select).SingleOrDefault();
    }

    public bool Delete(string tenantId, string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand delete = Command(connection, null, $"DELETE FROM {table} WHERE id = $id AND tenant_id = $tenant", ("$id", id), ("$tenant", tenantId));
        return delete.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// What the rows are now, in a few bytes: ids are random and definitions never change in place,
    /// so any add or remove (by this process or another, such as the CLI) changes it.
    /// </summary>
    public string Fingerprint()
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT count(*) || ':' || coalesce(group_concat(id, ','), '') FROM (SELECT id FROM {table} ORDER BY id)");
        return (string)select.ExecuteScalar()!;
    }

    private List<RuleRow> Read(SqliteConnection connection, string tenantId, string? deviceId, bool all)
    {
        using SqliteCommand select = Command(
            connection,
            null,
            $"SELECT {Columns} FROM {table} WHERE tenant_id = $tenant AND ($all OR device_id IS NULL OR device_id = $device) ORDER BY id",
            ("$tenant", tenantId),
            ("$all", all ? 1 : 0),
            ("$device", deviceId));
        return ReadRows(select);
    }

    /// <summary>Same refusal for a vehicle that does not exist and one of another tenant, so ids do not leak.</summary>
    private static void RequireVehicle(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string deviceId)
    {
        using SqliteCommand select = Command(connection, transaction, "SELECT 1 FROM devices WHERE id = $id AND tenant_id = $tenant", ("$id", deviceId), ("$tenant", tenantId));
        if (select.ExecuteScalar() is null)
        {
            throw IdentityException.NotFound($"no vehicle \"{deviceId}\" in tenant \"{tenantId}\"");
        }
    }

    private static List<RuleRow> ReadRows(SqliteCommand select)
    {
        var rows = new List<RuleRow>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new RuleRow(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetString(3), Time(reader, 4)));
        }

        return rows;
    }
}
