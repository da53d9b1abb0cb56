namespace RydBox.Firmware.Events
{
    /// <summary>Every detector's options in one place, as the box configuration sets them.</summary>
    public sealed class BoxEventOptions
    {
        public IgnitionOptions Ignition = new IgnitionOptions();
        public TowOptions Tow = new TowOptions();
        public LowBatteryOptions LowBattery = new LowBatteryOptions();
        public PowerLossOptions PowerLoss = new PowerLossOptions();
        public GnssFixOptions GnssFix = new GnssFixOptions();

        /// <summary>Distinct DTCs remembered between reads. Default 64.</summary>
        public int DtcCapacity = 64;

        /// <summary>Report the codes of the first read after start as set. Default true; see <see cref="DtcChangeDetector"/>.</summary>
        public bool ReportDtcsAtFirstRead = true;
    }
}
