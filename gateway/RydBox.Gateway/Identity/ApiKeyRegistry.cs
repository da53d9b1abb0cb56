using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Identity.IdentityStore;

namespace RydBox.Gateway.Identity;

/// <summary>
/// Makes, lists and revokes a tenant's API keys (table api_keys). A key is "rbk_{id}_{secret}": the
/// id (12 of a-z 0-9, never '_') is the row's public key, the secret is stored only as a
/// <see cref="SecretHasher"/> hash and handed back once in <see cref="IssuedApiKey"/>.
/// </summary>
public sealed class ApiKeyRegistry(GatewayDatabase database, IdentityChanges? changes = null, TimeProvider? timeProvider = null)
{
    public const string Prefix = "rbk_";
    public const int IdLength = 12;
    public const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private const string Columns = "id, tenant_id, name, revoked, created_ms";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <exception cref="IdentityException">Unknown tenant; invalid name.</exception>
    public IssuedApiKey Add(string tenantId, string? name = null)
    {
        string? keyName = IdentityRules.OptionalName(name, "key");
        string id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        string secret = SecretHasher.NewSecret();
        string hash = SecretHasher.Hash(secret);
        var key = new ApiKey(id, tenantId, keyName, Revoked: false, DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()));

        using SqliteConnection connection = database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        RequireTenant(connection, transaction, tenantId);
        using SqliteCommand insert = Command(
            connection,
            transaction,
            "INSERT INTO api_keys (id, tenant_id, name, key_hash, revoked, created_ms) VALUES ($id, $tenant, $name, $hash, 0, $created)",
            ("$id", id),
            ("$tenant", tenantId),
            ("$name", keyName),
            ("$hash", hash),
            ("$created", key.Created.ToUnixTimeMilliseconds()));
        insert.ExecuteNonQuery();
        transaction.Commit();
        return new IssuedApiKey(key, $"{Prefix}{id}_{secret}");
    }

    /// <exception cref="IdentityException">The tenant is unknown.</exception>
    public IReadOnlyList<ApiKey> List(string? tenantId = null)
    {
        using SqliteConnection connection = database.Open();
        if (tenantId is not null)
        {
            RequireTenant(connection, null, tenantId);
        }

        using SqliteCommand select = Command(
            connection,
            null,
            $"SELECT {Columns} FROM api_keys WHERE $tenant IS NULL OR tenant_id = $tenant ORDER BY tenant_id, created_ms, id",
            ("$tenant", tenantId));
        return ReadAll(select);
    }

    public ApiKey? Find(string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = Command(connection, null, $"SELECT {Columns} FROM api_keys WHERE id = $id", ("$id", id));
        return ReadAll(select).SingleOrDefault();
    }

    /// <summary>The key stops working; revoking twice changes nothing.</summary>
    /// <param name="idOrKey">The key's id, or the whole key.</param>
    /// <exception cref="IdentityException">No such key.</exception>
    public ApiKey Revoke(string idOrKey)
    {
        string id = TryParse(idOrKey, out string? keyId, out _) ? keyId! : idOrKey;
        using (SqliteConnection connection = database.Open())
        using (SqliteCommand update = Command(connection, null, "UPDATE api_keys SET revoked = 1 WHERE id = $id", ("$id", id)))
        {
            if (update.ExecuteNonQuery() == 0)
            {
                throw IdentityException.NotFound($"no API key \"{id}\"");
            }
        }

        changes?.OnApiKeyChanged(id);
        return Find(id)!;
    }

    /// <summary>Splits "rbk_{id}_{secret}"; false for anything else.</summary>
    public static bool TryParse(string? presented, out string? id, out string? secret)
    {
        id = null;
        secret = null;
        if (presented is null || presented.Length > 512 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        int separator = presented.IndexOf('_', Prefix.Length);
        if (separator <= Prefix.Length || separator == presented.Length - 1)
        {
            return false;
        }

        string candidate = presented[Prefix.Length..separator];
        if (candidate.Length > 64 || !candidate.All(c => IdAlphabet.Contains(c)))
        {
            return false;
        }

        id = candidate;
        secret = presented[(separator + 1)..];
        return true;
    }

    private static List<ApiKey> ReadAll(SqliteCommand select)
    {
        var keys = new List<ApiKey>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new ApiKey(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), reader.GetInt64(3) != 0, Time(reader, 4)));
        }

        return keys;
    }
}
