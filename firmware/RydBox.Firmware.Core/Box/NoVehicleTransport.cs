using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// The vehicle path of a box that has none it can use (e.g. CAN on a board without a CAN
    /// driver): every request ends UnableToConnect, so the box still runs GNSS, events and uplink.
    /// </summary>
    public sealed class NoVehicleTransport : IObdTransport
    {
        public string ProtocolName
        {
            get { return ""; }
        }

        public bool IsCan
        {
            get { return false; }
        }

        public int MaxPidsPerRequest
        {
            get { return 1; }
        }

        public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            responses.Reset();
            responses.Status = ObdStatus.UnableToConnect;
        }
    }
}
