using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Identity;

/// <summary>
/// <see cref="IDeviceDirectory"/> over the devices table. The embedded broker asks on every connect
/// and ingest on every message, and a secret check is a 100 000-round PBKDF2, so both a device's row
/// and the last secret that matched it (as its SHA-256, never the secret) are kept for
/// <c>cacheLifetime</c>. A change through a registry of this process (<see cref="IdentityChanges"/>)
/// drops a device's entries at once; one made by another process is seen when they expire.
/// Unknown devices and failed checks are never cached.
/// </summary>
public sealed class SqliteDeviceDirectory : IDeviceDirectory
{
    private readonly GatewayDatabase _database;
    private readonly TimeSpan _cacheLifetime;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedDevice> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerifiedSecret> _verified = new(StringComparer.Ordinal);

    // Bumped by every invalidation: an answer read before one is not cached after it.
    private readonly Lock _gate = new();
    private long _generation;

    public SqliteDeviceDirectory(GatewayDatabase database, IdentityChanges? changes = null, TimeSpan? cacheLifetime = null, TimeProvider? timeProvider = null)
    {
        _database = database;
        _cacheLifetime = cacheLifetime ?? new IdentityOptions().CacheLifetime;
        _time = timeProvider ?? TimeProvider.System;
        if (changes is not null)
        {
            changes.DeviceChanged += Invalidate;
        }
    }

    public DeviceIdentity? Find(string deviceId) => Load(deviceId)?.Identity;

    public bool Authenticate(string deviceId, string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        long generation = Generation();
        CachedDevice? device = Load(deviceId);
        if (device is null || device.Identity.Revoked)
        {
            return false;
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        DateTimeOffset now = _time.GetUtcNow();
        if (_verified.TryGetValue(deviceId, out VerifiedSecret? verified)
            && verified.Expires > now
            && verified.StoredHash == device.SecretHash
            && CryptographicOperations.FixedTimeEquals(verified.Digest, digest))
        {
            return true;
        }

        if (!SecretHasher.Verify(secret, device.SecretHash))
        {
            return false;
        }

        if (_cacheLifetime > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _verified[deviceId] = new VerifiedSecret(digest, device.SecretHash, now + _cacheLifetime);
                }
            }
        }

        return true;
    }

    /// <summary>Forgets what is cached about a device, so the next question reads the database.</summary>
    public void Invalidate(string deviceId)
    {
        lock (_gate)
        {
            _generation++;
            _devices.TryRemove(deviceId, out _);
            _verified.TryRemove(deviceId, out _);
        }
    }

    private CachedDevice? Load(string deviceId)
    {
        if (!WireTopics.IsValidDeviceId(deviceId))
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (_devices.TryGetValue(deviceId, out CachedDevice? cached) && cached.Expires > now)
        {
            return cached;
        }

        long generation = Generation();

        using SqliteConnection connection = _database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT tenant_id, revoked, secret_hash FROM devices WHERE id = $id";
        select.Parameters.AddWithValue("$id", deviceId);
        using SqliteDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            _devices.TryRemove(deviceId, out _);
            return null;
        }

        var device = new CachedDevice(
            new DeviceIdentity(deviceId, reader.GetString(0), reader.GetInt64(1) != 0), reader.GetString(2), now + _cacheLifetime);
        if (_cacheLifetime > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _devices[deviceId] = device;
                }
            }
        }

        return device;
    }

    private long Generation()
    {
        lock (_gate)
        {
            return _generation;
        }
    }

    private sealed record CachedDevice(DeviceIdentity Identity, string SecretHash, DateTimeOffset Expires);

    private sealed record VerifiedSecret(byte[] Digest, string StoredHash, DateTimeOffset Expires);
}
