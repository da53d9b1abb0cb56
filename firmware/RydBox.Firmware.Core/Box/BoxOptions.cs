using RydBox.Firmware.Events;
using RydBox.Firmware.Outbox;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Session;

namespace RydBox.Firmware.Box
{
    /// <summary>Every tunable of a box runtime in one place; each part's options document their defaults.</summary>
    public sealed class BoxOptions
    {
        public SamplingOptions Sampling = new SamplingOptions();
        public BoxEventOptions Events = new BoxEventOptions();
        public OutboxOptions Outbox = new OutboxOptions();
        public SessionOptions Session = new SessionOptions();

        /// <summary>Distinct signals one batch can carry (OBD signals of all tiers plus GNSS and voltage). Default 32.</summary>
        public int BatchColumns = 32;

        /// <summary>A GNSS receiver silent this long counts as having no fix. Default 5 s.</summary>
        public long GnssSilentAfterMs = 5000;

        /// <summary>Longest sleep of the sampling loop between reads of the GNSS stream. Default 200 ms.</summary>
        public int GnssReadSliceMs = 200;

        /// <summary>Wait before the ELM327 is initialised again after it failed. Default 30 s.</summary>
        public long AdapterRetryMs = 30000;
    }
}
