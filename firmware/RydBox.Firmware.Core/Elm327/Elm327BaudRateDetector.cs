using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>Finds the serial rate an ELM327 on a UART listens at.</summary>
    public sealed class Elm327BaudRateDetector
    {
        private readonly Elm327Link _link;
        private readonly IBaudRateControl _control;

        public Elm327BaudRateDetector(Elm327Link link, IBaudRateControl control)
        {
            _link = link;
            _control = control;
        }

        /// <summary>
        /// Tries each of <see cref="Elm327BaudRates.Candidates"/> and leaves the port at the first one
        /// where ATI gets a clean answer; returns that rate, or 0 when none works.
        /// </summary>
        public int Detect()
        {
            int[] rates = Elm327BaudRates.Candidates;
            for (int i = 0; i < rates.Length; i++)
            {
                _control.BaudRate = rates[i];
                if (_link.Execute("", Elm327BaudRates.WakeTimeoutMs) == ObdStatus.Disconnected)
                {
                    return 0;
                }

                if (AnswersCleanly())
                {
                    return rates[i];
                }
            }

            return 0;
        }

        /// <summary>
        /// At a wrong rate the bytes are noise, and a '>' may appear among them by chance: a prompt
        /// only counts when nothing before it was noise.
        /// </summary>
        private bool AnswersCleanly()
        {
            return _link.Execute("ATI", Elm327BaudRates.ProbeTimeoutMs) == ObdStatus.Ok
                && _link.NoiseBytes == 0
                && _link.ReplyLength > 0
                && !_link.ReplyIs("?");
        }
    }
}
