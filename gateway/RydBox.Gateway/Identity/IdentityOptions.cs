namespace RydBox.Gateway.Identity;

/// <summary>Settings of device and API key authentication, section "RydBox:Identity".</summary>
public sealed class IdentityOptions
{
    public const string Section = "RydBox:Identity";

    /// <summary>
    /// How long a device lookup and a successful secret check are reused, in seconds: the longest a
    /// revoke made by another process (the CLI) takes to be noticed. 0 turns the caches off, which
    /// costs a 100 000-round PBKDF2 on every MQTT connect and API request.
    /// </summary>
    public int CacheSeconds { get; set; } = 30;

    public TimeSpan CacheLifetime => TimeSpan.FromSeconds(Math.Max(0, CacheSeconds));
}
