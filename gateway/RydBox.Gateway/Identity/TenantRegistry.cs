using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Identity;

/// <summary>Adds and lists tenants and sets how long their data is kept (table tenants).</summary>
public sealed class TenantRegistry(GatewayDatabase database, TimeProvider? timeProvider = null)
{
    private const string Columns = "id, name, retention_days, created_ms";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <exception cref="IdentityException">Invalid id, name or retention; the id is taken.</exception>
    public Tenant Add(string id, string name, int? retentionDays = null)
    {
        var tenant = new Tenant(IdentityRules.TenantId(id), IdentityRules.Name(name, "tenant"), IdentityRules.RetentionDays(retentionDays), Now());
        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        if (Exists(connection, transaction, "tenants", tenant.Id))
        {
            throw IdentityException.Duplicate($"tenant \"{tenant.Id}\" exists already");
        }

        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO tenants (id, name, retention_days, created_ms) VALUES ($id, $name, $retention, $created)",
            ("$id", tenant.Id),
            ("$name", tenant.Name),
            ("$retention", tenant.RetentionDays),
            ("$created", tenant.Created.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
        transaction.Commit();
        return tenant;
    }

    public IReadOnlyList<Tenant> List()
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM tenants ORDER BY id");
        return ReadAll(select);
    }

    public Tenant? Find(string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM tenants WHERE id = $id", ("$id", id));
        return ReadAll(select).SingleOrDefault();
    }

    /// <summary>Sets how many days of telemetry and events the tenant keeps; null keeps them forever.</summary>
    /// <exception cref="IdentityException">Invalid retention; unknown tenant.</exception>
    public Tenant SetRetention(string id, int? retentionDays)
    {
        int? days = IdentityRules.RetentionDays(retentionDays);
        using SqliteConnection connection = database.Open();
        using SqliteCommand update = Command(connection, null, "UPDATE tenants SET retention_days = $days WHERE id = $id", ("$id", id), ("$days", days));
        if (update.ExecuteNonQuery() == 0)
        {
            throw IdentityException.NotFound($"no tenant \"{id}\"");
        }

        return Find(id)!;
    }

    private static List<Tenant> ReadAll(SqliteCommand select)
    {
        var tenants = new List<Tenant>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), Time(reader, 3)));
        }

        return tenants;
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
}
