using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Identity;

/// <summary>
/// Adds, lists and revokes devices (table devices). A device's secret is made here (or given, for a
/// box flashed already), handed back once in <see cref="IssuedDevice"/> and stored only as a
/// <see cref="SecretHasher"/> hash; its mosquitto hash goes to the <see cref="MosquittoHashStore"/>.
/// </summary>
public sealed class DeviceRegistry
{
    private const string Columns = "id, tenant_id, name, vin, revoked, created_ms";

    private readonly GatewayDatabase _database;
    private readonly IdentityChanges? _changes;
    private readonly TimeProvider _time;

    public DeviceRegistry(GatewayDatabase database, IdentityChanges? changes = null, TimeProvider? timeProvider = null)
    {
        _database = database;
        _changes = changes;
        _time = timeProvider ?? TimeProvider.System;
        MosquittoHashes = new MosquittoHashStore(DirectoryOf(database));
    }

    public MosquittoHashStore MosquittoHashes { get; }

    /// <param name="secret">null makes a random secret (<see cref="SecretHasher.NewSecret"/>).</param>
    /// <exception cref="IdentityException">Invalid id, name, VIN or secret; unknown tenant; the id is taken.</exception>
    public IssuedDevice Add(string id, string tenantId, string? name = null, string? vin = null, string? secret = null)
    {
        string deviceId = IdentityRules.DeviceId(id);
        string? deviceName = IdentityRules.OptionalName(name, "device");
        string? deviceVin = IdentityRules.Vin(vin);
        string deviceSecret = IdentityRules.Secret(secret);
        string hash = SecretHasher.Hash(deviceSecret); // slow: before the write lock is taken
        var device = new Device(deviceId, tenantId, deviceName, deviceVin, Revoked: false, Now());

        using SqliteConnection connection = _database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        RequireTenant(connection, transaction, tenantId);
        if (Exists(connection, transaction, "devices", deviceId))
        {
            throw IdentityException.Duplicate($"device \"{deviceId}\" exists already");
        }

        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, revoked, created_ms) VALUES ($id, $tenant, $name, $vin, $hash, 0, $created)",
            ("$id", deviceId),
            ("$tenant", tenantId),
            ("$name", deviceName),
            ("$vin", deviceVin),
            ("$hash", hash),
            ("$created", device.Created.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
        MosquittoHashes.Record(deviceId, deviceSecret);
        transaction.Commit();
        _changes?.OnDeviceChanged(deviceId);
        return new IssuedDevice(device, deviceSecret);
    }

    /// <summary>Every device, or a tenant's, by id.</summary>
    /// <exception cref="IdentityException">The tenant is unknown.</exception>
    public IReadOnlyList<Device> List(string? tenantId = null)
    {
        using SqliteConnection connection = _database.Open();
        if (tenantId is not null)
        {
            RequireTenant(connection, null, tenantId);
        }

        using SqliteCommand select = Command(
            connection,
            null,
            $"SELECT {Columns} FROM devices WHERE $tenant IS NULL OR tenant_id = $tenant ORDER BY id",
            ("$tenant", tenantId));
        return ReadAll(select);
    }

    public Device? Find(string id)
    {
        using SqliteConnection connection = _database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM devices WHERE id = $id", ("$id", id));
        return ReadAll(select).SingleOrDefault();
    }

    /// <summary>The device can no longer connect; its data stays. Revoking twice changes nothing.</summary>
    /// <exception cref="IdentityException">The device is unknown.</exception>
    public Device Revoke(string id)
    {
        using (SqliteConnection connection = _database.Open())
        using (SqliteCommand update = Command(connection, null, "UPDATE devices SET revoked = 1 WHERE id = $id", ("$id", id)))
        {
            if (update.ExecuteNonQuery() == 0)
            {
                throw IdentityException.NotFound($"no device \"{id}\"");
            }
        }

        _changes?.OnDeviceChanged(id);
        return Find(id)!;
    }

    /// <summary>A new secret for a device (a lost or leaked one, or a mosquitto hash that is missing); the old one stops working.</summary>
    /// <exception cref="IdentityException">Unknown or revoked device; invalid secret.</exception>
    public IssuedDevice Reissue(string id, string? secret = null)
    {
        string deviceSecret = IdentityRules.Secret(secret);
        string hash = SecretHasher.Hash(deviceSecret);
        using (SqliteConnection connection = _database.Open())
        using (SqliteTransaction transaction = connection.BeginTransaction())
        {
            using SqliteCommand update = Command(
                connection,
                transaction,
                "UPDATE devices SET secret_hash = $hash WHERE id = $id AND revoked = 0",
                ("$id", id),
                ("$hash", hash));
            if (update.ExecuteNonQuery() == 0)
            {
                throw Exists(connection, transaction, "devices", id)
                    ? IdentityException.Invalid($"device \"{id}\" is revoked")
                    : IdentityException.NotFound($"no device \"{id}\"");
            }

            MosquittoHashes.Record(id, deviceSecret);
            transaction.Commit();
        }

        _changes?.OnDeviceChanged(id);
        return new IssuedDevice(Find(id)!, deviceSecret);
    }

    private static List<Device> ReadAll(SqliteCommand select)
    {
        var devices = new List<Device>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            devices.Add(new Device(
                reader.GetString(0),
                reader.GetString(1),
                NullableString(reader, 2),
                NullableString(reader, 3),
                reader.GetInt64(4) != 0,
                Time(reader, 5)));
        }

        return devices;
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
}
