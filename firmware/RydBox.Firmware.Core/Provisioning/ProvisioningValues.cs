namespace RydBox.Firmware.Provisioning
{
    /// <summary>
    /// Strict checks for provisioning values, identical on both targets (the framework parsers
    /// accept signs, spaces and culture quirks that a config file should not).
    /// </summary>
    internal static class ProvisioningValues
    {
        /// <summary>The value of a string of 1 to 9 decimal digits; -1 for anything else.</summary>
        public static int WholeNumber(string text)
        {
            if (text.Length == 0 || text.Length > 9)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        /// <summary>Letters, digits, '-' and '_': safe in MQTT topics and file names.</summary>
        public static bool IsIdentifier(string text, int maxLength)
        {
            if (text.Length == 0 || text.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (!IsLetterOrDigit(text[i]) && text[i] != '-' && text[i] != '_')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A bare file name: no drive or folder, so it always means a file beside the provisioning file.</summary>
        public static bool IsFileName(string text)
        {
            if (text.Length == 0 || text.Length > 64 || text[0] == '.')
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A DNS name or dotted IPv4 address (RFC 1123 characters, at most 253 long).</summary>
        public static bool IsHostName(string text)
        {
            if (text.Length == 0 || text.Length > 253 || text[0] == '.' || text[0] == '-' || text[text.Length - 1] == '.')
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsLetterOrDigit(c) && c != '-' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Printable ASCII without spaces: what survives copy and paste between a terminal and a file.</summary>
        public static bool IsPrintableWithoutSpaces(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] <= ' ' || text[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsOneOf(int value, int[] allowed)
        {
            for (int i = 0; i < allowed.Length; i++)
            {
                if (allowed[i] == value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"9600, 38400 or 115200", for error messages.</summary>
        public static string ListOf(int[] values)
        {
            string text = string.Empty;
            for (int i = 0; i < values.Length; i++)
            {
                string separator = i == 0 ? string.Empty : (i == values.Length - 1 ? " or " : ", ");
                text = text + separator + values[i].ToString();
            }

            return text;
        }

        private static bool IsLetterOrDigit(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
