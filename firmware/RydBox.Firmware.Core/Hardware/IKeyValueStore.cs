namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// Persistent storage the box keeps across reboots: files on Linux, flash on the ESP32.
    /// Keys are short names of letters, digits, '-' and '_' (they become file names).
    /// A write may be torn by power loss; readers must detect that themselves (checksums).
    /// </summary>
    public interface IKeyValueStore
    {
        /// <summary>Stored length of <paramref name="key"/>'s value, or -1 when it does not exist.</summary>
        int Length(string key);

        /// <summary>Copies up to <paramref name="count"/> bytes of the value; returns bytes copied, -1 when missing.</summary>
        int Read(string key, byte[] buffer, int offset, int count);

        /// <summary>Replaces the value of <paramref name="key"/>, creating it when new.</summary>
        void Write(string key, byte[] buffer, int offset, int count);

        void Delete(string key);

        /// <summary>Every key present; called at start-up recovery, not in the steady state.</summary>
        string[] Keys();
    }
}
