namespace RydBox.Gateway.Identity;

/// <summary>A customer or partner whose devices and data are kept apart from everybody else's.</summary>
/// <param name="RetentionDays">Telemetry and events older than this are deleted; null keeps them forever.</param>
public sealed record Tenant(string Id, string Name, int? RetentionDays, DateTimeOffset Created);

/// <summary>A box as the gateway knows it. Its secret is never kept, only a hash of it.</summary>
public sealed record Device(string Id, string TenantId, string? Name, string? Vin, bool Revoked, DateTimeOffset Created);

/// <summary>A device just added or given a new secret: the only moment the secret is known.</summary>
public sealed record IssuedDevice(Device Device, string Secret);

/// <summary>An API key of a tenant; the secret part is never kept, only a hash of it.</summary>
public sealed record ApiKey(string Id, string TenantId, string? Name, bool Revoked, DateTimeOffset Created);

/// <summary>An API key just made: <see cref="Key"/> ("rbk_{id}_{secret}") is known only now.</summary>
public sealed record IssuedApiKey(ApiKey ApiKey, string Key);
