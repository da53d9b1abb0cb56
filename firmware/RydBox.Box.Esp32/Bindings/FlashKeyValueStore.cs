using System.IO;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// <see cref="IKeyValueStore"/> as files on the internal flash drive I:\ (package
    /// nanoFramework.System.IO.FileSystem). Files sit flat in the drive's root with a prefix,
    /// because the ESP32's flash file system may not support folders and allows about 31
    /// characters per name: keep keys to 27 characters.
    /// </summary>
    public sealed class FlashKeyValueStore : IKeyValueStore
    {
        private const string Drive = "I:\\";
        private const string Prefix = "kv-";

        public int Length(string key)
        {
            string path = PathOf(key);
            if (!File.Exists(path))
            {
                return -1;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)stream.Length;
            }
        }

        public int Read(string key, byte[] buffer, int offset, int count)
        {
            string path = PathOf(key);
            if (!File.Exists(path))
            {
                return -1;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int total = 0;
                while (total < count)
                {
                    int read = stream.Read(buffer, offset + total, count - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }

        public void Write(string key, byte[] buffer, int offset, int count)
        {
            using (var stream = new FileStream(PathOf(key), FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, offset, count);
                stream.Flush();
            }
        }

        public void Delete(string key)
        {
            File.Delete(PathOf(key));
        }

        public string[] Keys()
        {
            string[] paths = Directory.GetFiles(Drive);
            int found = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                if (Path.GetFileName(paths[i]).StartsWith(Prefix))
                {
                    found++;
                }
            }

            string[] keys = new string[found];
            found = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                string name = Path.GetFileName(paths[i]);
                if (name.StartsWith(Prefix))
                {
                    keys[found++] = name.Substring(Prefix.Length);
                }
            }

            return keys;
        }

        private static string PathOf(string key) => Drive + Prefix + key;
    }
}
