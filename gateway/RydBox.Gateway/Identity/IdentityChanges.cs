namespace RydBox.Gateway.Identity;

/// <summary>
/// Tells the caches of this process that a device or API key changed (revoked, new secret), so a
/// revoke through a registry of the same process takes effect at once. Changes made by another
/// process (the CLI next to a running gateway) reach the caches when their entries expire
/// (<see cref="IdentityOptions.CacheSeconds"/>).
/// </summary>
public sealed class IdentityChanges
{
    public event Action<string>? DeviceChanged;

    public event Action<string>? ApiKeyChanged;

    public void OnDeviceChanged(string deviceId) => DeviceChanged?.Invoke(deviceId);

    public void OnApiKeyChanged(string keyId) => ApiKeyChanged?.Invoke(keyId);
}
