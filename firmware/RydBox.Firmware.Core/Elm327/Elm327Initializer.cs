using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// Brings an ELM327 (genuine, STN or clone) from power-on to talking with the vehicle: reset,
    /// echo/linefeeds/spaces off, headers on, adaptive timing, protocol search, then identity and
    /// battery voltage. Optional commands a clone rejects with '?' are skipped, not fatal.
    /// </summary>
    public sealed class Elm327Initializer
    {
        public const string NoAdapterReason =
            "No answer from the adapter: wrong baud rate, not an ELM327, or no power.";

        public const string NoVehicleReason =
            "The adapter answers but no vehicle does (UNABLE TO CONNECT): ignition off, or no OBD-II protocol found.";

        public const string VehicleSilentReason =
            "The adapter answers commands but went silent while searching for the vehicle protocol.";

        public const string DisconnectedReason = "The link to the adapter broke during initialisation.";

        private static readonly string[] ResetCommands = { "ATZ", "ATWS", "ATD" };

        private readonly Elm327Link _link;
        private readonly Elm327ResponseParser _parser = new Elm327ResponseParser();
        private readonly ObdResponseSet _responses = new ObdResponseSet();
        private bool _disconnected;
        private bool _answeredOnCan;

        public Elm327Initializer(Elm327Link link)
        {
            _link = link;
        }

        /// <summary>Time ATZ may take: the adapter restarts and prints its identity.</summary>
        public int ResetTimeoutMs = 3000;

        /// <summary>Time for ordinary AT commands.</summary>
        public int CommandTimeoutMs = 1000;

        public Elm327Info Initialize()
        {
            Elm327Info info = new Elm327Info();
            if (!Reset(info))
            {
                return Fail(info, _disconnected ? Elm327InitStatus.Disconnected : Elm327InitStatus.NoAdapter);
            }

            Accepted("ATE0");
            info.EchoesDespiteAte0 = Accepted("ATL0") && _link.Echoed;
            info.SpacesOff = Accepted("ATS0");
            info.HeadersOn = Accepted("ATH1");
            info.AdaptiveTiming = Accepted("ATAT1");
            ReadIdentity(info);
            info.BatteryMillivolts = _disconnected ? -1 : Elm327Battery.ReadMillivolts(_link);

            bool anyPrompt;
            int explicitProtocol = FindProtocol(info, out anyPrompt);
            if (_disconnected)
            {
                return Fail(info, Elm327InitStatus.Disconnected);
            }

            if (explicitProtocol < 0)
            {
                Fail(info, Elm327InitStatus.NoVehicle);
                info.FailureReason = anyPrompt ? NoVehicleReason : VehicleSilentReason;
                return info;
            }

            int reported = ReadProtocolNumber();
            info.ProtocolNumber = reported > 0 ? reported : explicitProtocol;
            info.ProtocolName = Elm327Protocols.NameOf(info.ProtocolNumber);
            info.IsCan = info.ProtocolNumber > 0 ? Elm327Protocols.IsCan(info.ProtocolNumber) : _answeredOnCan;
            info.Status = Elm327InitStatus.Ready;
            return info;
        }

        private static Elm327Info Fail(Elm327Info info, Elm327InitStatus status)
        {
            info.Status = status;
            info.FailureReason = status == Elm327InitStatus.Disconnected ? DisconnectedReason : NoAdapterReason;
            return info;
        }

        /// <summary>ATZ, or on clones that hang on it, the warm start ATWS, or at least ATD (defaults).</summary>
        private bool Reset(Elm327Info info)
        {
            for (int i = 0; i < ResetCommands.Length && !_disconnected; i++)
            {
                if (Run(ResetCommands[i], ResetTimeoutMs) && _link.ReplyLength > 0 && !_link.ReplyIs("?"))
                {
                    if (i < 2)
                    {
                        info.Identity = _link.ReplyText();
                    }

                    return true;
                }
            }

            return false;
        }

        private void ReadIdentity(Elm327Info info)
        {
            string identity = Answer("ATI");
            if (identity.Length > 0)
            {
                info.Identity = identity;
            }

            info.Description = Answer("AT@1");
            info.StnIdentity = Answer("STI");
        }

        /// <summary>
        /// The automatic search first, then each protocol of <see cref="Elm327ProtocolSearch"/>.
        /// Returns 0 when the automatic search worked, the explicit protocol that did, or -1.
        /// </summary>
        private int FindProtocol(Elm327Info info, out bool anyPrompt)
        {
            anyPrompt = false;
            if (Accepted("ATSP0") && VehicleAnswers(info, Elm327ProtocolSearch.AutomaticTimeoutMs, ref anyPrompt))
            {
                return 0;
            }

            int[] protocols = Elm327ProtocolSearch.Protocols;
            for (int i = 0; i < protocols.Length && !_disconnected; i++)
            {
                string select = "ATSP" + Elm327Text.HexDigit(protocols[i]);
                if (Accepted(select) && VehicleAnswers(info, Elm327ProtocolSearch.TimeoutsMs[i], ref anyPrompt))
                {
                    return protocols[i];
                }
            }

            return -1;
        }

        private bool VehicleAnswers(Elm327Info info, int timeoutMs, ref bool anyPrompt)
        {
            if (!Run("0100", timeoutMs))
            {
                return false;
            }

            anyPrompt = true;
            _answeredOnCan = _parser.Parse(_link.Reply, 0, _link.ReplyLength, true, info.HeadersOn, _responses) == ObdStatus.Ok;
            return _answeredOnCan
                || _parser.Parse(_link.Reply, 0, _link.ReplyLength, false, info.HeadersOn, _responses) == ObdStatus.Ok;
        }

        /// <summary>ATDPN answers "6", or "A6" when found by the automatic search.</summary>
        private int ReadProtocolNumber()
        {
            if (!Run("ATDPN", CommandTimeoutMs))
            {
                return 0;
            }

            byte[] reply = _link.Reply;
            int length = _link.ReplyLength;
            int start = length == 2 && (reply[0] == 'A' || reply[0] == 'a') ? 1 : 0;
            int value = length - start == 1 ? Elm327Text.HexValue(reply[start]) : -1;
            return value > 0 && value <= Elm327Protocols.Highest ? value : 0;
        }

        /// <summary>The answer of an optional command, or "" when it is rejected or unanswered.</summary>
        private string Answer(string command)
        {
            if (!Run(command, CommandTimeoutMs) || _link.ReplyIs("?") || _link.ReplyLength == 0)
            {
                return "";
            }

            return _link.ReplyText();
        }

        private bool Accepted(string command)
        {
            return Run(command, CommandTimeoutMs) && _link.ReplyEndsWithOk();
        }

        private bool Run(string command, int timeoutMs)
        {
            if (_disconnected)
            {
                return false;
            }

            ObdStatus status = _link.Execute(command, timeoutMs);
            _disconnected = status == ObdStatus.Disconnected;
            return status == ObdStatus.Ok;
        }
    }
}
