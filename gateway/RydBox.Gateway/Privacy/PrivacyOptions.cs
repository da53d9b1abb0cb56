namespace RydBox.Gateway.Privacy;

/// <summary>
/// Settings of data protection, section "RydBox:Privacy" (appsettings.json, or environment
/// variables such as RydBox__Privacy__RetentionInterval=00:30:00). How long a tenant's data is kept
/// is the tenant's own setting (`tenants retention`); these say how often it is enforced.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "RydBox:Privacy";

    /// <summary>Run retention passes in the gateway. Off: only `rydbox-gateway retention run` deletes old data.</summary>
    public bool RetentionEnabled { get; set; } = true;

    /// <summary>Time between two retention passes.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after the gateway started before the first pass, so that it does not slow the start.</summary>
    public TimeSpan RetentionFirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads and checks the section; throws <see cref="InvalidOperationException"/> naming the bad key.</summary>
    public static PrivacyOptions From(IConfiguration configuration)
    {
        var options = new PrivacyOptions();
        configuration.GetSection(Section).Bind(options);
        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:RetentionInterval must be positive (e.g. 01:00:00)");
        }

        if (options.RetentionFirstRunDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:RetentionFirstRunDelay must not be negative");
        }

        return options;
    }
}
