namespace RydBox.Simulator.Fleet;

/// <summary>
/// The devices a fleet logs in as, one "device-id,secret" per line (blank lines and lines starting
/// with '#' skipped): what a gateway operator exports after registering them.
/// </summary>
public static class DeviceFile
{
    public static IReadOnlyList<(string DeviceId, string Secret)> Read(string path)
    {
        var devices = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            string trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            string[] fields = trimmed.Split(',');
            if (fields.Length != 2 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
            {
                throw new InvalidDataException($"{path}:{line}: expected 'device-id,secret'");
            }

            string id = fields[0].Trim();
            if (!seen.Add(id))
            {
                throw new InvalidDataException($"{path}:{line}: device {id} is listed twice");
            }

            devices.Add((id, fields[1].Trim()));
        }

        return devices;
    }
}
