using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// An ELM327 transport that initialises the adapter only when the sampler first asks the
    /// vehicle something. A parked car is never searched for protocols (which would wake its
    /// ECUs), and a failed or broken adapter is initialised again after a pause.
    /// </summary>
    public sealed class Elm327Connection : IObdTransport
    {
        private readonly Elm327Link _link;
        private readonly IClock _clock;
        private readonly long _retryMs;
        private Elm327Transport? _transport;
        private long _nextAttemptMs;
        private bool _attempted;

        public Elm327Connection(Elm327Link link, IClock clock, long retryMs)
        {
            _link = link;
            _clock = clock;
            _retryMs = retryMs;
        }

        public string ProtocolName
        {
            get { return _transport == null ? "" : _transport.ProtocolName; }
        }

        public bool IsCan
        {
            get { return _transport != null && _transport.IsCan; }
        }

        public int MaxPidsPerRequest
        {
            get { return _transport == null ? 1 : _transport.MaxPidsPerRequest; }
        }

        public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            if (_transport == null && !TryInitialize())
            {
                responses.Reset();
                responses.Status = ObdStatus.UnableToConnect;
                return;
            }

            _transport!.Request(targetEcu, request, length, expectedResponses, responses);
            if (responses.Status == ObdStatus.Disconnected || responses.Status == ObdStatus.UnableToConnect)
            {
                // The next request starts over from ATZ: the adapter may have been replugged or lost the vehicle.
                _transport = null;
                _nextAttemptMs = _clock.NowMilliseconds + _retryMs;
            }
        }

        private bool TryInitialize()
        {
            long now = _clock.NowMilliseconds;
            if (_attempted && now < _nextAttemptMs)
            {
                return false;
            }

            _attempted = true;
            Elm327Info info = new Elm327Initializer(_link).Initialize();
            if (!info.IsReady)
            {
                _nextAttemptMs = now + _retryMs;
                return false;
            }

            _transport = new Elm327Transport(_link, info);
            return true;
        }
    }
}
