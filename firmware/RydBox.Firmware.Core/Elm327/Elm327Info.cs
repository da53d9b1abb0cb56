namespace RydBox.Firmware.Elm327
{
    /// <summary>How initialisation ended.</summary>
    public enum Elm327InitStatus
    {
        /// <summary>Adapter set up and a vehicle protocol found.</summary>
        Ready,
        /// <summary>Nothing answered: wrong baud rate, not an ELM327, or no power.</summary>
        NoAdapter,
        /// <summary>The adapter answers but no vehicle protocol could be established.</summary>
        NoVehicle,
        /// <summary>The link to the adapter broke.</summary>
        Disconnected
    }

    /// <summary>What initialisation learned about the adapter and the vehicle bus.</summary>
    public sealed class Elm327Info
    {
        public Elm327InitStatus Status = Elm327InitStatus.NoAdapter;

        /// <summary>Why it is not <see cref="Elm327InitStatus.Ready"/>, for people; empty when ready.</summary>
        public string FailureReason = "";

        /// <summary>The ATI answer, e.g. "ELM327 v1.5".</summary>
        public string Identity = "";

        /// <summary>The AT@1 device description; empty when the adapter does not support it.</summary>
        public string Description = "";

        /// <summary>The STI answer of STN chips (OBDLink), e.g. "STN1110 v4.2.1"; empty otherwise.</summary>
        public string StnIdentity = "";

        /// <summary>ELM327 protocol number 1 to C (see <see cref="Elm327Protocols"/>); 0 when none.</summary>
        public int ProtocolNumber;

        public string ProtocolName = Elm327Protocols.NameOf(Elm327Protocols.Unknown);

        public bool IsCan;

        /// <summary>Battery voltage at the OBD socket (ATRV), or -1 when unknown.</summary>
        public int BatteryMillivolts = -1;

        /// <summary>ATH1 accepted: answers carry the sender's address.</summary>
        public bool HeadersOn;

        /// <summary>ATS0 accepted (some clones answer '?'; answers then keep their spaces).</summary>
        public bool SpacesOff;

        /// <summary>ATAT1 accepted.</summary>
        public bool AdaptiveTiming;

        /// <summary>The adapter kept echoing commands after ATE0 (a clone quirk; the link strips it).</summary>
        public bool EchoesDespiteAte0;

        public bool IsReady
        {
            get { return Status == Elm327InitStatus.Ready; }
        }
    }
}
