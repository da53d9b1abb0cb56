using System.Text;
using RydBox.Contract;

namespace RydBox.Gateway.Identity;

/// <summary>A broker account with its password in clear (the gateway's own, for the export).</summary>
public sealed record MosquittoAccount(string UserName, string Password);

/// <summary>What an export wrote, and which devices it left out and why.</summary>
/// <param name="Devices">Devices given an account, by id.</param>
/// <param name="Revoked">Revoked devices, left out.</param>
/// <param name="MissingHash">Devices with no mosquitto hash (added before the hash was kept, or by
/// another tool), left out until `devices reissue` gives them a new secret.</param>
public sealed record MosquittoExportResult(
    string PasswordFile,
    string AclFile,
    string? GatewayUser,
    IReadOnlyList<string> Devices,
    IReadOnlyList<string> Revoked,
    IReadOnlyList<string> MissingHash);

/// <summary>
/// Writes mosquitto's password_file and acl_file from the devices table, for running the gateway
/// against an external mosquitto (Broker:Mode External). Each device logs in with its id as user
/// name and its secret as password, may publish only its own telemetry, event, status and cmd/ack
/// topics and read only its own cmd topic; the gateway account may read and write all of rydbox/.
/// Files are replaced whole (written beside and renamed), keeping an existing file's permissions.
/// </summary>
public static class MosquittoExport
{
    private static readonly TopicKind[] DeviceWrites = [TopicKind.Telemetry, TopicKind.Event, TopicKind.Status, TopicKind.CommandAck];

    /// <exception cref="IdentityException">The gateway account is malformed or has a device's name.</exception>
    public static MosquittoExportResult Write(DeviceRegistry registry, string passwordFile, string aclFile, MosquittoAccount? gateway, TimeProvider? timeProvider = null)
    {
        IReadOnlyList<Device> devices = registry.List();
        IReadOnlyDictionary<string, string> hashes = registry.MosquittoHashes.ReadAll();
        if (gateway is not null)
        {
            CheckGatewayAccount(gateway, devices);
        }

        var passwords = new StringBuilder();
        var acl = new StringBuilder()
            .AppendLine($"# mosquitto acl_file for RydBox, written by `rydbox-gateway export-mosquitto` at {(timeProvider ?? TimeProvider.System).GetUtcNow():yyyy-MM-dd HH:mm:ss}Z.")
            .AppendLine("# Written anew on every export: change devices with the gateway's CLI, export again and reload mosquitto (SIGHUP).")
            .AppendLine("# A device may publish only its own telemetry, event, status and cmd/ack topics and read only its own cmd topic.");
        if (gateway is not null)
        {
            passwords.Append(gateway.UserName).Append(':').AppendLine(MosquittoPasswordHash.Hash(gateway.Password));
            acl.AppendLine()
                .AppendLine("# the gateway")
                .AppendLine($"user {gateway.UserName}")
                .AppendLine("topic readwrite rydbox/#");
        }

        var included = new List<string>();
        var revoked = new List<string>();
        var missing = new List<string>();
        foreach (Device device in devices)
        {
            if (device.Revoked)
            {
                revoked.Add(device.Id);
                continue;
            }

            if (!hashes.TryGetValue(device.Id, out string? hash))
            {
                missing.Add(device.Id);
                continue;
            }

            included.Add(device.Id);
            passwords.Append(device.Id).Append(':').AppendLine(hash);
            acl.AppendLine().AppendLine($"# tenant {device.TenantId}").AppendLine($"user {device.Id}");
            foreach (TopicKind kind in DeviceWrites)
            {
                acl.AppendLine($"topic write {WireTopics.Build(device.Id, kind)}");
            }

            acl.AppendLine($"topic read {WireTopics.Build(device.Id, TopicKind.Command)}");
        }

        Replace(passwordFile, passwords.ToString(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Replace(aclFile, acl.ToString(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new MosquittoExportResult(Path.GetFullPath(passwordFile), Path.GetFullPath(aclFile), gateway?.UserName, included, revoked, missing);
    }

    private static void CheckGatewayAccount(MosquittoAccount gateway, IReadOnlyList<Device> devices)
    {
        if (string.IsNullOrEmpty(gateway.UserName) || gateway.UserName.Length > 256
            || gateway.UserName.Any(c => c == ':' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw IdentityException.Invalid($"\"{gateway.UserName}\" cannot be a mosquitto user name: no ':', spaces or control characters");
        }

        if (string.IsNullOrEmpty(gateway.Password) || gateway.Password.Any(c => c is '\n' or '\r'))
        {
            throw IdentityException.Invalid("the gateway password must not be empty or contain line breaks");
        }

        if (devices.Any(d => d.Id == gateway.UserName))
        {
            throw IdentityException.Invalid($"the gateway user \"{gateway.UserName}\" is also a device id; choose another name");
        }
    }

    private static void Replace(string path, string content, UnixFileMode newFileMode)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Private while being written; then the existing file's permissions, or the new file's.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporary, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            {
                writer.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.Exists(full) ? File.GetUnixFileMode(full) : newFileMode);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
