using RydBox.Contract;

namespace RydBox.Gateway.Events.Delivery;

/// <summary>
/// The per-tenant MQTT alert topics: <c>rydbox/v1/tenants/{tenantId}/alerts/{deviceId}/{kind}</c>.
/// Tenant and device ids follow the device id rules (<see cref="WireTopics.IsValidDeviceId"/>:
/// 1 to 64 of A-Z a-z 0-9 - _ .), so neither can be a wildcard or span levels; event kinds are
/// lower-case words with '_' (<see cref="Model.EventKinds"/>). No device topic starts with
/// "rydbox/v1/tenants/" in a way a device could publish on: "tenants" would be the device id and
/// "{tenantId}/alerts/…" is no device topic kind, and the broker ACL refuses it anyway.
/// </summary>
public static class AlertTopics
{
    public const string Prefix = WireTopics.Prefix + "tenants/";

    /// <exception cref="ArgumentException">An id or kind that could not be one topic level.</exception>
    public static string Build(string tenantId, string deviceId, string kind)
    {
        Require(tenantId, nameof(tenantId));
        Require(deviceId, nameof(deviceId));
        Require(kind, nameof(kind));
        return $"{Prefix}{tenantId}/alerts/{deviceId}/{kind}";
    }

    /// <summary>Every alert of a tenant: <c>rydbox/v1/tenants/{tenantId}/alerts/#</c>.</summary>
    public static string TenantFilter(string tenantId)
    {
        Require(tenantId, nameof(tenantId));
        return $"{Prefix}{tenantId}/alerts/#";
    }

    /// <summary>
    /// True when <paramref name="topicFilter"/> can only match alert topics of <paramref name="tenantId"/>:
    /// the tenant's alerts/# or a narrower filter under "…/alerts/" ('+' as a whole level, '#' only as
    /// the whole last level). Shared subscriptions ($share/…) and anything else are false.
    /// </summary>
    public static bool IsWithinTenant(string? topicFilter, string tenantId)
    {
        if (topicFilter is null || !WireTopics.IsValidDeviceId(tenantId))
        {
            return false;
        }

        string root = $"{Prefix}{tenantId}/alerts/";
        if (!topicFilter.StartsWith(root, StringComparison.Ordinal) || topicFilter.Length == root.Length)
        {
            return false;
        }

        string[] levels = topicFilter[root.Length..].Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            string level = levels[i];
            bool wildcard = level is "+" || (level is "#" && i == levels.Length - 1);
            if (!wildcard && (level.Length == 0 || level.Contains('+') || level.Contains('#') || level.Any(char.IsControl)))
            {
                return false;
            }
        }

        return true;
    }

    private static void Require(string value, string name)
    {
        if (!WireTopics.IsValidDeviceId(value))
        {
            throw new ArgumentException($"\"{value}\" cannot be an alert topic level: 1 to {WireTopics.MaxDeviceIdLength} of A-Z a-z 0-9 - _ .", name);
        }
    }
}
