using RydBox.Firmware.Elm327;

namespace RydBox.Firmware.Provisioning
{
    /// <summary>
    /// Reads a provisioning file: <c>key = value</c> lines, <c>#</c> comment lines, blank lines.
    /// Keys are case-insensitive; a value may be wrapped in double quotes to keep spaces at its
    /// ends; '#' only starts a comment at the beginning of a line (passwords may contain it).
    /// Never throws: every problem becomes an error in the result.
    /// </summary>
    public static class ProvisioningParser
    {
        /// <param name="text">The file's content (see <see cref="AsciiText.Decode"/>).</param>
        /// <param name="requireWifi">True on boxes that join Wi-Fi themselves (the ESP32).</param>
        public static ProvisioningResult Parse(string text, bool requireWifi)
        {
            var result = new ProvisioningResult();
            int[] lineOf = new int[ProvisioningKeys.Names.Length];
            int lineNumber = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                // A CR of a CRLF file is dropped here: nanoFramework's Trim is not documented to treat it as white space.
                int length = end > start && text[end - 1] == '\r' ? end - start - 1 : end - start;
                lineNumber++;
                ReadLine(text.Substring(start, length), lineNumber, lineOf, result);
                start = end + 1;
            }

            CheckWhole(lineOf, requireWifi, result);
            return result;
        }

        private static void ReadLine(string raw, int lineNumber, int[] lineOf, ProvisioningResult result)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                return;
            }

            if (line.IndexOf(AsciiText.Invalid) >= 0)
            {
                result.AddError(lineNumber, "only ASCII characters are allowed (the line holds a byte above 127)");
                return;
            }

            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                result.AddError(lineNumber, "expected 'key = value', got '" + line + "'");
                return;
            }

            string name = line.Substring(0, equals).Trim().ToLower();
            int key = ProvisioningKeys.IndexOf(name);
            if (key < 0)
            {
                result.AddError(lineNumber, "unknown key '" + name + "'");
                return;
            }

            if (lineOf[key] != 0)
            {
                result.AddError(lineNumber, name + " is set twice (first on line " + lineOf[key].ToString() + ")");
                return;
            }

            lineOf[key] = lineNumber;
            string value = Unquote(line.Substring(equals + 1).Trim());
            if (value.Length == 0)
            {
                result.AddError(lineNumber, name + " has no value");
                return;
            }

            string? problem = Apply(key, value, result.Settings);
            if (problem != null)
            {
                result.AddError(lineNumber, problem);
            }
        }

        private static string Unquote(string value)
        {
            return value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"'
                ? value.Substring(1, value.Length - 2)
                : value;
        }

        /// <summary>Stores one value; returns why it is wrong, or null.</summary>
        private static string? Apply(int key, string value, ProvisionedSettings settings)
        {
            switch (key)
            {
                case ProvisioningKeys.DeviceId:
                    settings.DeviceId = value;
                    return ProvisioningValues.IsIdentifier(value, 64)
                        ? null
                        : "device_id may only hold letters, digits, '-' and '_' (at most 64): it becomes part of MQTT topics";
                case ProvisioningKeys.DeviceSecret:
                    settings.DeviceSecret = value;
                    return value.Length >= 16 && value.Length <= 128 && ProvisioningValues.IsPrintableWithoutSpaces(value)
                        ? null
                        : "device_secret must be 16 to 128 printable characters without spaces (copy it exactly as the gateway issued it)";
                case ProvisioningKeys.WifiSsid:
                    settings.WifiSsid = value;
                    return value.Length <= 32 ? null : "wifi_ssid must be at most 32 characters";
                case ProvisioningKeys.WifiPassword:
                    settings.WifiPassword = value;
                    return value.Length >= 8 && value.Length <= 63
                        ? null
                        : "wifi_password must be 8 to 63 characters (WPA2); leave the key out for an open network";
                case ProvisioningKeys.BrokerHost:
                    settings.BrokerHost = value;
                    return CheckHost(value);
                case ProvisioningKeys.BrokerPort:
                    settings.BrokerPort = ProvisioningValues.WholeNumber(value);
                    return settings.BrokerPort >= 1 && settings.BrokerPort <= 65535
                        ? null
                        : "broker_port must be a whole number from 1 to 65535, not '" + value + "'";
                case ProvisioningKeys.Tls:
                    return ApplyTls(value.ToLower(), settings);
                case ProvisioningKeys.CaCertificate:
                    settings.CaCertificateFile = value;
                    return ProvisioningValues.IsFileName(value)
                        ? null
                        : "ca_certificate must be a bare file name such as 'broker-ca.pem' (letters, digits, '.', '-', '_'; no folder)";
                case ProvisioningKeys.ObdInterface:
                    return ApplyObdInterface(value.ToLower(), settings);
                case ProvisioningKeys.Elm327Baud:
                    settings.Elm327BaudRate = ProvisioningValues.WholeNumber(value);
                    return ProvisioningValues.IsOneOf(settings.Elm327BaudRate, Elm327BaudRates.Candidates)
                        ? null
                        : "elm327_baud must be " + ProvisioningValues.ListOf(Elm327BaudRates.Candidates) + "; leave it out to detect the rate";
                case ProvisioningKeys.CanBitRate:
                    settings.CanBitRate = ProvisioningValues.WholeNumber(value);
                    return ProvisioningValues.IsOneOf(settings.CanBitRate, ProvisioningKeys.CanBitRates)
                        ? null
                        : "can_bitrate must be " + ProvisioningValues.ListOf(ProvisioningKeys.CanBitRates) + " (the rates ISO 15765-4 allows)";
                case ProvisioningKeys.GnssBaud:
                    settings.GnssBaudRate = ProvisioningValues.WholeNumber(value);
                    return ProvisioningValues.IsOneOf(settings.GnssBaudRate, ProvisioningKeys.GnssBaudRates)
                        ? null
                        : "gnss_baud must be " + ProvisioningValues.ListOf(ProvisioningKeys.GnssBaudRates);
                case ProvisioningKeys.SampleIntervalMs:
                    settings.SampleIntervalMs = ProvisioningValues.WholeNumber(value);
                    return InRange(settings.SampleIntervalMs, 100, 3600000, "sample_interval_ms", value);
                default:
                    settings.UploadIntervalMs = ProvisioningValues.WholeNumber(value);
                    return InRange(settings.UploadIntervalMs, 1000, 86400000, "upload_interval_ms", value);
            }
        }

        private static string? CheckHost(string value)
        {
            if (value.IndexOf("://") >= 0)
            {
                return "broker_host is a host name, not a URL: leave out the scheme (e.g. 'mqtts://')";
            }

            if (value.IndexOf(':') >= 0)
            {
                return "broker_host must not carry a port: put it in broker_port";
            }

            return ProvisioningValues.IsHostName(value)
                ? null
                : "broker_host must be a host name or IPv4 address (letters, digits, '-' and '.'), not '" + value + "'";
        }

        private static string? ApplyTls(string value, ProvisionedSettings settings)
        {
            if (value == "true" || value == "false")
            {
                settings.UseTls = value == "true";
                return null;
            }

            return "tls must be true or false, not '" + value + "'";
        }

        private static string? ApplyObdInterface(string value, ProvisionedSettings settings)
        {
            if (value == "elm327" || value == "can")
            {
                settings.Obd = value == "can" ? ObdInterface.Can : ObdInterface.Elm327;
                return null;
            }

            return "obd_interface must be elm327 or can, not '" + value + "'";
        }

        private static string? InRange(int number, int min, int max, string name, string value)
        {
            return number >= min && number <= max
                ? null
                : name + " must be a whole number from " + min.ToString() + " to " + max.ToString() + ", not '" + value + "'";
        }

        /// <summary>Rules between keys, checked once every line is read.</summary>
        private static void CheckWhole(int[] lineOf, bool requireWifi, ProvisioningResult result)
        {
            ProvisionedSettings settings = result.Settings;
            Require(lineOf, ProvisioningKeys.DeviceId, "device_id is missing: every box needs the id the gateway issued (rydbox-gateway devices add)", result);
            Require(lineOf, ProvisioningKeys.DeviceSecret, "device_secret is missing: the gateway issues it together with device_id", result);
            Require(lineOf, ProvisioningKeys.BrokerHost, "broker_host is missing: the box needs to know where the MQTT broker is", result);
            if (requireWifi)
            {
                Require(lineOf, ProvisioningKeys.WifiSsid, "wifi_ssid is missing: this box joins Wi-Fi itself", result);
            }

            if (lineOf[ProvisioningKeys.WifiPassword] != 0 && lineOf[ProvisioningKeys.WifiSsid] == 0)
            {
                result.AddError(lineOf[ProvisioningKeys.WifiPassword], "wifi_password is set but wifi_ssid is not");
            }

            if (lineOf[ProvisioningKeys.BrokerPort] == 0)
            {
                settings.BrokerPort = settings.UseTls ? ProvisionedSettings.DefaultTlsPort : ProvisionedSettings.DefaultPlainPort;
            }

            if (settings.UseTls && lineOf[ProvisioningKeys.CaCertificate] == 0)
            {
                result.AddError("tls is on but ca_certificate is missing: name the file holding the broker's CA certificate");
            }

            if (!settings.UseTls && lineOf[ProvisioningKeys.CaCertificate] != 0)
            {
                result.AddError(lineOf[ProvisioningKeys.CaCertificate], "ca_certificate is set but tls = false: remove one of them");
            }

            if (settings.Obd == ObdInterface.Elm327 && lineOf[ProvisioningKeys.CanBitRate] != 0)
            {
                result.AddError(lineOf[ProvisioningKeys.CanBitRate], "can_bitrate only applies when obd_interface = can");
            }

            if (settings.Obd == ObdInterface.Can && lineOf[ProvisioningKeys.Elm327Baud] != 0)
            {
                result.AddError(lineOf[ProvisioningKeys.Elm327Baud], "elm327_baud only applies when obd_interface = elm327");
            }
        }

        private static void Require(int[] lineOf, int key, string message, ProvisioningResult result)
        {
            if (lineOf[key] == 0)
            {
                result.AddError(message);
            }
        }
    }
}
