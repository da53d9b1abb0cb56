namespace RydBox.Firmware.Obd
{
    /// <summary>ISO 15765-4 addresses, shared by both transports.</summary>
    public static class ObdAddressing
    {
        /// <summary>Pass as the target to address every emission-related ECU at once.</summary>
        public const uint Functional = 0;

        public const uint FunctionalRequest11Bit = 0x7DF;
        public const uint FirstPhysicalResponse11Bit = 0x7E8;
        public const uint LastPhysicalResponse11Bit = 0x7EF;

        /// <summary>Physical requests go 8 below the response id: 7E0 for 7E8.</summary>
        public const uint PhysicalRequestOffset11Bit = 8;

        /// <summary>29-bit functional request: priority 6, 0xDB (functional), target 33, tester F1.</summary>
        public const uint FunctionalRequest29Bit = 0x18DB33F1;

        /// <summary>29-bit responses look like 18 DA F1 xx, xx being the ECU's address.</summary>
        public const uint PhysicalResponse29BitBase = 0x18DAF100;

        public static bool IsPhysicalResponse29Bit(uint id)
        {
            return (id & 0xFFFFFF00) == PhysicalResponse29BitBase;
        }

        public static bool IsPhysicalResponse11Bit(uint id)
        {
            return id >= FirstPhysicalResponse11Bit && id <= LastPhysicalResponse11Bit;
        }

        /// <summary>The id to send a physical request on, for the ECU that answers on <paramref name="responseId"/>.</summary>
        public static uint PhysicalRequestFor(uint responseId)
        {
            if (IsPhysicalResponse29Bit(responseId))
            {
                // 18 DA F1 xx (ECU xx to tester F1) is answered by 18 DA xx F1.
                uint ecu = responseId & 0xFF;
                return 0x18DA00F1 | (ecu << 8);
            }

            return responseId - PhysicalRequestOffset11Bit;
        }
    }
}
