using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Identity;

/// <summary>
/// <see cref="IApiKeyAuthenticator"/> over the api_keys table. A key that matched is remembered (its
/// id, the SHA-256 of the presented key and the tenant) for <c>cacheLifetime</c>, so the API does not
/// pay a 100 000-round PBKDF2 per request. A revoke through a registry of this process
/// (<see cref="IdentityChanges"/>) drops the key at once; one by another process when it expires.
/// Malformed keys are refused without touching the database; failures are never cached.
/// </summary>
public sealed class SqliteApiKeyAuthenticator : IApiKeyAuthenticator
{
    private readonly GatewayDatabase _database;
    private readonly TimeSpan _cacheLifetime;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, VerifiedKey> _verified = new(StringComparer.Ordinal);

    // Bumped by every invalidation: a key read before one is not cached after it.
    private readonly Lock _gate = new();
    private long _generation;

    public SqliteApiKeyAuthenticator(GatewayDatabase database, IdentityChanges? changes = null, TimeSpan? cacheLifetime = null, TimeProvider? timeProvider = null)
    {
        _database = database;
        _cacheLifetime = cacheLifetime ?? new IdentityOptions().CacheLifetime;
        _time = timeProvider ?? TimeProvider.System;
        if (changes is not null)
        {
            changes.ApiKeyChanged += Invalidate;
        }
    }

    public string? TenantOf(string presentedKey)
    {
        if (!ApiKeyRegistry.TryParse(presentedKey, out string? id, out string? secret))
        {
            return null;
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        DateTimeOffset now = _time.GetUtcNow();
        if (_verified.TryGetValue(id!, out VerifiedKey? verified) && verified.Expires > now && CryptographicOperations.FixedTimeEquals(verified.Digest, digest))
        {
            return verified.TenantId;
        }

        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        using SqliteConnection connection = _database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT tenant_id, key_hash FROM api_keys WHERE id = $id AND revoked = 0";
        select.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            _verified.TryRemove(id!, out _);
            return null;
        }

        string tenantId = reader.GetString(0);
        if (!SecretHasher.Verify(secret!, reader.GetString(1)))
        {
            return null;
        }

        if (_cacheLifetime > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _verified[id!] = new VerifiedKey(digest, tenantId, now + _cacheLifetime);
                }
            }
        }

        return tenantId;
    }

    /// <summary>Forgets a key, so its next use reads the database.</summary>
    public void Invalidate(string keyId)
    {
        lock (_gate)
        {
            _generation++;
            _verified.TryRemove(keyId, out _);
        }
    }

    private sealed record VerifiedKey(byte[] Digest, string TenantId, DateTimeOffset Expires);
}
