using System.Collections;

namespace RydBox.Firmware.Provisioning
{
    /// <summary>
    /// What parsing a provisioning file found: the settings, and every problem with a line number,
    /// so that one look at the list fixes the whole file.
    /// </summary>
    public sealed class ProvisioningResult
    {
        private readonly ArrayList _errors = new ArrayList();

        public readonly ProvisionedSettings Settings = new ProvisionedSettings();

        public bool IsValid => _errors.Count == 0;

        public int ErrorCount => _errors.Count;

        /// <summary>A sentence for people, e.g. "line 4: broker_port must be a whole number from 1 to 65535, not '88a3'".</summary>
        public string ErrorAt(int index) => (string)_errors[index]!;

        internal void AddError(string message)
        {
            _errors.Add(message);
        }

        internal void AddError(int line, string message)
        {
            _errors.Add("line " + line.ToString() + ": " + message);
        }
    }
}
