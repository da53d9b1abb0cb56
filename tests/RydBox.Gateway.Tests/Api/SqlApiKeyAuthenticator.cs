using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Api;

/// <summary>
/// The API tests' own key check over api_keys ("rbk_{id}_{secret}", secret verified against key_hash),
/// registered only when the gateway has no <see cref="IApiKeyAuthenticator"/> of its own.
/// </summary>
internal sealed class SqlApiKeyAuthenticator(GatewayDatabase database) : IApiKeyAuthenticator
{
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    public string? TenantOf(string presentedKey)
    {
        if (_verified.TryGetValue(presentedKey, out string? cached))
        {
            return cached;
        }

        int separator = presentedKey.StartsWith("rbk_", StringComparison.Ordinal) ? presentedKey.IndexOf('_', 4) : -1;
        if (separator < 0)
        {
            return null;
        }

        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT tenant_id, key_hash FROM api_keys WHERE id = $id AND revoked = 0";
        select.Parameters.AddWithValue("$id", presentedKey[4..separator]);
        using SqliteDataReader reader = select.ExecuteReader();
        if (!reader.Read() || !SecretHasher.Verify(presentedKey[(separator + 1)..], reader.GetString(1)))
        {
            return null;
        }

        return _verified[presentedKey] = reader.GetString(0);
    }
}
