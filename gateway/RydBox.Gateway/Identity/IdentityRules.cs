using RydBox.Contract;

namespace RydBox.Gateway.Identity;

/// <summary>What ids, names, VINs, secrets and retention periods may look like.</summary>
public static class IdentityRules
{
    public const int MaxNameLength = 200;
    public const int MinSecretLength = 12;
    public const int MaxSecretLength = 256;
    public const int MaxRetentionDays = 36_500;

    /// <summary>Tenant ids follow the device id rules, so they are safe in topics, paths and URLs.</summary>
    public static string TenantId(string? id) =>
        WireTopics.IsValidDeviceId(id)
            ? id!
            : throw IdentityException.Invalid($"\"{id}\" is not a valid tenant id: 1 to {WireTopics.MaxDeviceIdLength} of A-Z a-z 0-9 - _ .");

    public static string DeviceId(string? id) =>
        WireTopics.IsValidDeviceId(id)
            ? id!
            : throw IdentityException.Invalid($"\"{id}\" is not a valid device id: 1 to {WireTopics.MaxDeviceIdLength} of A-Z a-z 0-9 - _ .");

    /// <summary>A required name, trimmed.</summary>
    public static string Name(string? name, string what)
    {
        string? trimmed = OptionalName(name, what);
        return trimmed ?? throw IdentityException.Invalid($"the {what} name must not be empty");
    }

    /// <summary>An optional name, trimmed; empty means none.</summary>
    public static string? OptionalName(string? name, string what)
    {
        string? trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw IdentityException.Invalid($"the {what} name must be at most {MaxNameLength} characters without control characters");
        }

        return trimmed;
    }

    /// <summary>A 17-character VIN (ISO 3779: digits and capitals but I, O and Q), upper-cased; empty means none.</summary>
    public static string? Vin(string? vin)
    {
        string? trimmed = vin?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length != 17 || !trimmed.All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') && c is not ('I' or 'O' or 'Q')))
        {
            throw IdentityException.Invalid($"\"{vin}\" is not a VIN: 17 of 0-9 and A-Z except I, O and Q");
        }

        return trimmed;
    }

    /// <summary>A secret someone chose (for a box already flashed with one); null makes a random one.</summary>
    public static string Secret(string? secret)
    {
        if (secret is null)
        {
            return SecretHasher.NewSecret();
        }

        if (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw IdentityException.Invalid($"a device secret must be {MinSecretLength} to {MaxSecretLength} characters without spaces or control characters");
        }

        return secret;
    }

    public static int? RetentionDays(int? days) =>
        days is null or (>= 1 and <= MaxRetentionDays)
            ? days
            : throw IdentityException.Invalid($"retention must be 1 to {MaxRetentionDays} days (or none to keep data forever), not {days}");
}
