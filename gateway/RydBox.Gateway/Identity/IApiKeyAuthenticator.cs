namespace RydBox.Gateway.Identity;

/// <summary>
/// Which tenant an API key belongs to. Keys look like "rbk_{id}_{secret}": the id finds the row in
/// api_keys, the secret is checked against its hash (<see cref="SecretHasher"/>).
/// </summary>
public interface IApiKeyAuthenticator
{
    /// <summary>The tenant id, or null for a malformed, unknown, revoked or wrong key.</summary>
    string? TenantOf(string presentedKey);
}
