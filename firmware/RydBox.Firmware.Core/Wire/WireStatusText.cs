namespace RydBox.Firmware.Wire
{
    /// <summary>The error texts a command acknowledgement carries; constants, so answering costs no allocation.</summary>
    public static class WireStatusText
    {
        public const string UnknownCommand = "unknown_command";

        public static string Of(WireStatus status)
        {
            switch (status)
            {
                case WireStatus.Ok:
                    return "ok";
                case WireStatus.Truncated:
                    return "truncated";
                case WireStatus.Oversized:
                    return "oversized";
                case WireStatus.UnsupportedVersion:
                    return "unsupported_version";
                case WireStatus.MissingField:
                    return "missing_field";
                case WireStatus.InvalidValue:
                    return "invalid_value";
                default:
                    return "malformed";
            }
        }
    }
}
