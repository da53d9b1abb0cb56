using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Support;

/// <summary>
/// A minimal device directory on the devices table, for the test gateway only, while the real one
/// (Identity/) is not registered. Reads the row on every call, so a revocation counts at once;
/// remembers successful secret checks as the real directory must (PBKDF2 is slow on purpose).
/// </summary>
public sealed class SqlDeviceDirectory(GatewayDatabase database) : IDeviceDirectory
{
    private readonly ConcurrentDictionary<(string DeviceId, string Secret, string Hash), bool> _verified = new();

    public DeviceIdentity? Find(string deviceId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT tenant_id, revoked FROM devices WHERE id = $id";
        select.Parameters.AddWithValue("$id", deviceId);
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? new DeviceIdentity(deviceId, reader.GetString(0), reader.GetInt64(1) != 0) : null;
    }

    public bool Authenticate(string deviceId, string secret)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT secret_hash FROM devices WHERE id = $id AND revoked = 0";
        select.Parameters.AddWithValue("$id", deviceId);
        if (select.ExecuteScalar() is not string hash)
        {
            return false;
        }

        var key = (deviceId, secret, hash);
        if (_verified.ContainsKey(key))
        {
            return true;
        }

        bool ok = SecretHasher.Verify(secret, hash);
        if (ok)
        {
            _verified[key] = true;
        }

        return ok;
    }
}
