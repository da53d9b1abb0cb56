using RydBox.Firmware.Events;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Dtc;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Session;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Box
{
    /// <summary>
    /// What the gateway's commands mean on the box. Runs on the uplink thread; every vehicle
    /// request takes <see cref="VehicleGate"/> so it never interleaves with a sampling cycle.
    /// Vehicle commands are refused while the ignition is off rather than waking the ECUs.
    /// </summary>
    public sealed class BoxCommandHandler : ICommandHandler
    {
        private const string IgnitionOffError = "ignition is off: the box does not wake the ECUs";

        private readonly CommandParser _parser = new CommandParser();
        private readonly BoxCommand _command = new BoxCommand();
        private readonly CommandAckEncoder _acks = new CommandAckEncoder();
        private readonly char[] _code = new char[8];
        private readonly ObdService _obd;
        private readonly IgnitionDetector _ignition;
        private readonly SamplingOptions _sampling;
        private readonly IKeyValueStore _store;
        private readonly IClock _clock;
        private readonly long _startedMs;
        private readonly TroubleCodes _codes;

        public BoxCommandHandler(ObdService obd, IgnitionDetector ignition, SamplingOptions sampling, IKeyValueStore store, IClock clock)
        {
            _obd = obd;
            _ignition = ignition;
            _sampling = sampling;
            _store = store;
            _clock = clock;
            _startedMs = clock.NowMilliseconds;
            _codes = new TroubleCodes(sampling.MaxDtcs);
        }

        /// <summary>Held by whoever talks to the vehicle.</summary>
        public readonly object VehicleGate = new object();

        public int Handle(byte[] command, int length, byte[] ack)
        {
            WireStatus parsed = _parser.Parse(command, length, _command);
            if (parsed != WireStatus.Ok)
            {
                if (!_command.HasId)
                {
                    return 0;
                }

                _acks.Begin(ack, _command.Id, false, WireStatusText.Of(parsed));
                return _acks.Finish();
            }

            if (_command.Is(CommandNames.Ping))
            {
                _acks.Begin(ack, _command.Id, true, null);
                _acks.AddInt("uptime_ms", _clock.NowMilliseconds - _startedMs);
            }
            else if (_command.Is(CommandNames.SetConfig))
            {
                SetConfig(ack);
            }
            else if (_command.Is(CommandNames.ReadDtcs))
            {
                ReadDtcs(ack);
            }
            else if (_command.Is(CommandNames.ClearDtcs))
            {
                ClearDtcs(ack);
            }
            else
            {
                _acks.Begin(ack, _command.Id, false, "unknown command");
            }

            return _acks.Finish();
        }

        private void SetConfig(byte[] ack)
        {
            for (int i = 0; i < _command.ArgumentCount; i++)
            {
                string name = _command.ArgumentName(i);
                if (!RemoteSettings.IsKnown(name))
                {
                    _acks.Begin(ack, _command.Id, false, "unknown setting " + name);
                    return;
                }

                long value = _command.IntArgument(i);
                if (_command.ArgumentKind(i) != CommandValueKind.Int || value < RemoteSettings.MinimumMs || value > RemoteSettings.MaximumMs)
                {
                    _acks.Begin(ack, _command.Id, false, name + " must be 200 to 86400000 ms");
                    return;
                }
            }

            // Validated first, applied after: a command is taken whole or not at all.
            for (int i = 0; i < _command.ArgumentCount; i++)
            {
                RemoteSettings.TrySet(_sampling, _command.ArgumentName(i), _command.IntArgument(i));
            }

            RemoteSettingsStore.Save(_store, _sampling);
            _acks.Begin(ack, _command.Id, true, null);
            for (int i = 0; i < RemoteSettings.Names.Length; i++)
            {
                _acks.AddInt(RemoteSettings.Names[i], RemoteSettings.Get(_sampling, RemoteSettings.Names[i]));
            }
        }

        private void ReadDtcs(byte[] ack)
        {
            if (!_ignition.IsOn)
            {
                _acks.Begin(ack, _command.Id, false, IgnitionOffError);
                return;
            }

            ObdStatus status;
            lock (VehicleGate)
            {
                status = _obd.ReadDtcs(ObdService.StoredDtcs, _codes);
            }

            if (status != ObdStatus.Ok)
            {
                _acks.Begin(ack, _command.Id, false, "vehicle did not answer: " + ObdStatusName(status));
                return;
            }

            _acks.Begin(ack, _command.Id, true, null);
            _acks.BeginList("stored");
            for (int i = 0; i < _codes.Count; i++)
            {
                int written = DtcCode.Format(_codes.RawAt(i), _code, 0);
                _acks.AddListItem(_code, 0, written);
            }

            _acks.EndList();
        }

        private void ClearDtcs(byte[] ack)
        {
            if (!_ignition.IsOn)
            {
                _acks.Begin(ack, _command.Id, false, IgnitionOffError);
                return;
            }

            ObdStatus status;
            lock (VehicleGate)
            {
                status = _obd.ClearDiagnosticInformation();
            }

            _acks.Begin(ack, _command.Id, status == ObdStatus.Ok, status == ObdStatus.Ok ? null : "clearing refused: " + ObdStatusName(status));
        }

        // Enum names are not available on the device, so the texts are spelled out.
        private static string ObdStatusName(ObdStatus status)
        {
            switch (status)
            {
                case ObdStatus.NoData: return "no data";
                case ObdStatus.Timeout: return "timeout";
                case ObdStatus.UnableToConnect: return "unable to connect";
                case ObdStatus.BusError: return "bus error";
                case ObdStatus.Rejected: return "rejected";
                case ObdStatus.Garbled: return "garbled answer";
                case ObdStatus.Disconnected: return "adapter disconnected";
                default: return "failed";
            }
        }
    }
}
