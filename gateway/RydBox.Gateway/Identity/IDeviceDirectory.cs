namespace RydBox.Gateway.Identity;

/// <summary>Who a device is: what the broker's authentication and the ingest pipeline ask.</summary>
public interface IDeviceDirectory
{
    /// <summary>The device, revoked or not; null when unknown.</summary>
    DeviceIdentity? Find(string deviceId);

    /// <summary>True when the device exists, is not revoked and the secret matches its hash.</summary>
    bool Authenticate(string deviceId, string secret);
}

public sealed record DeviceIdentity(string DeviceId, string TenantId, bool Revoked);
