using RydBox.Firmware.Hardware;
using RydBox.Firmware.Provisioning;
using RydBox.Firmware.Sampling;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// Keeps what set_config changed across reboots, as "name=value" lines under one key.
    /// A torn or garbled record loses only the remote changes: unreadable lines are skipped and
    /// the provisioned defaults stay in force.
    /// </summary>
    public static class RemoteSettingsStore
    {
        public const string Key = "remote-config";

        private const int MaxBytes = 1024;

        public static void Save(IKeyValueStore store, SamplingOptions options)
        {
            byte[] buffer = new byte[MaxBytes];
            int length = 0;
            for (int i = 0; i < RemoteSettings.Names.Length; i++)
            {
                string name = RemoteSettings.Names[i];
                length = AppendAscii(buffer, length, name + "=" + RemoteSettings.Get(options, name).ToString() + "\n");
            }

            store.Write(Key, buffer, 0, length);
        }

        /// <summary>Applies the saved values; returns how many were applied.</summary>
        public static int Load(IKeyValueStore store, SamplingOptions options)
        {
            int length = store.Length(Key);
            if (length <= 0 || length > MaxBytes)
            {
                return 0;
            }

            byte[] buffer = new byte[length];
            int read = store.Read(Key, buffer, 0, length);
            if (read <= 0)
            {
                return 0;
            }

            string[] lines = AsciiText.Decode(buffer, 0, read).Split('\n');
            int applied = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                int equals = lines[i].IndexOf('=');
                long value;
                if (equals > 0 && TryParse(lines[i].Substring(equals + 1), out value)
                    && RemoteSettings.TrySet(options, lines[i].Substring(0, equals), value))
                {
                    applied++;
                }
            }

            return applied;
        }

        private static int AppendAscii(byte[] buffer, int at, string text)
        {
            for (int i = 0; i < text.Length && at < buffer.Length; i++)
            {
                buffer[at++] = (byte)text[i];
            }

            return at;
        }

        private static bool TryParse(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 18)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
