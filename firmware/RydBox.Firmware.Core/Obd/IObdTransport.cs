namespace RydBox.Firmware.Obd
{
    /// <summary>
    /// Carries OBD-II service requests to the vehicle and brings back every ECU's answer. The
    /// ELM327 driver and the direct CAN (ISO 15765-4) stack both implement it, so the service
    /// layer above never knows which path is in use.
    /// </summary>
    public interface IObdTransport
    {
        /// <summary>The protocol in use, for people: "ISO 15765-4 (CAN 11/500)".</summary>
        string ProtocolName { get; }

        /// <summary>
        /// True on ISO 15765-4 (CAN), where answers are reassembled ISO-TP messages (mode 03 carries
        /// a DTC count, mode 09 a data-item count); false on K-line and J1850, where an ECU's answer
        /// is its frames concatenated, each starting again with the service byte.
        /// </summary>
        bool IsCan { get; }

        /// <summary>How many mode 01 PIDs one request may carry: 6 on CAN, 1 on older protocols.</summary>
        int MaxPidsPerRequest { get; }

        /// <summary>
        /// Sends <paramref name="request"/> (service byte and parameters, e.g. 01 0C 0D) and collects
        /// the answers into <paramref name="responses"/>, whose <see cref="ObdResponseSet.Status"/>
        /// tells how it ended. Never throws for anything the adapter or bus does.
        /// </summary>
        /// <param name="targetEcu">
        /// <see cref="ObdAddressing.Functional"/> to ask every ECU, or one ECU's response address
        /// (as in <see cref="EcuResponse.EcuId"/>) for a physical request to that ECU alone.
        /// </param>
        /// <param name="expectedResponses">
        /// How many ECUs are known to answer this request (0 when unknown), so that the transport
        /// can return as soon as they have, instead of waiting out its timeout.
        /// </param>
        void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses);
    }
}
