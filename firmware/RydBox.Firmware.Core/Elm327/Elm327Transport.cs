using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// OBD requests through an initialised ELM327. On CAN it appends the response-count digit
    /// ("010C0D1") once it has learned how many lines an answer takes, so the adapter returns as soon
    /// as they arrived instead of waiting out its own timeout. Timing within the adapter is left to
    /// adaptive timing (ATAT1) rather than a fixed ATST: it adapts to each car's ECUs by itself.
    /// </summary>
    public sealed class Elm327Transport : IObdTransport
    {
        /// <summary>The ELM327 sends at most 7 data bytes per request.</summary>
        public const int MaxRequestLength = 7;

        /// <summary>One hex digit: 1 to F lines.</summary>
        private const int MaxResponseCount = 0xF;

        private readonly Elm327Link _link;
        private readonly Elm327Info _info;
        private readonly Elm327ResponseParser _parser = new Elm327ResponseParser();
        private readonly ResponseFrameCache _frames = new ResponseFrameCache();
        private readonly byte[] _command = new byte[2 * MaxRequestLength + 1];
        private readonly byte[] _headerCommand = new byte[12];
        private readonly uint _functionalHeader;
        private uint _currentHeader;
        private bool _countSuffixRejected;

        /// <param name="info">The result of <see cref="Elm327Initializer.Initialize"/>.</param>
        public Elm327Transport(Elm327Link link, Elm327Info info)
        {
            _link = link;
            _info = info;
            _functionalHeader = Elm327Protocols.Is29Bit(info.ProtocolNumber)
                ? ObdAddressing.FunctionalRequest29Bit
                : ObdAddressing.FunctionalRequest11Bit;
            _currentHeader = _functionalHeader;
        }

        /// <summary>
        /// Time for the prompt after a request. The adapter's own timeout ends a request well before
        /// this; it guards against an adapter that hangs.
        /// </summary>
        public int RequestTimeoutMs = 3000;

        public string ProtocolName
        {
            get { return _info.ProtocolName; }
        }

        public bool IsCan
        {
            get { return _info.IsCan; }
        }

        public int MaxPidsPerRequest
        {
            get { return _info.IsCan ? 6 : 1; }
        }

        /// <summary>True once the adapter answered '?' to a count digit (old clones); never sent again.</summary>
        public bool CountSuffixRejected
        {
            get { return _countSuffixRejected; }
        }

        public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses)
        {
            responses.Reset();
            if (length < 1 || length > MaxRequestLength || length > request.Length)
            {
                responses.Status = ObdStatus.Rejected;
                return;
            }

            bool physicalOnCan = targetEcu != ObdAddressing.Functional && _info.IsCan;
            if (!SelectHeader(physicalOnCan ? ObdAddressing.PhysicalRequestFor(targetEcu) : _functionalHeader, responses))
            {
                return;
            }

            // The digit counts frames of all ECUs together, learned from the last full answer; it is
            // used only when the caller knows which ECUs answer, i.e. the answer's shape is stable.
            int count = _info.IsCan && !_countSuffixRejected && expectedResponses > 0 ? _frames.Lookup(request, length) : 0;
            bool suffix = count > 0 && count <= MaxResponseCount;
            Exchange(request, length, suffix ? count : 0, responses);
            if (suffix && responses.Status == ObdStatus.Rejected)
            {
                _countSuffixRejected = true;
                suffix = false;
                Exchange(request, length, 0, responses);
            }

            Learn(request, length, expectedResponses, suffix, responses);
            if (targetEcu != ObdAddressing.Functional && !_info.IsCan)
            {
                // Older protocols are asked functionally; only the wanted ECU's answer is kept.
                responses.KeepOnly(targetEcu);
                if (responses.Count == 0 && responses.Status == ObdStatus.Ok)
                {
                    responses.Status = ObdStatus.NoData;
                }
            }
        }

        /// <summary>The battery voltage at the OBD socket, for polling between requests.</summary>
        public int ReadBatteryMillivolts()
        {
            return Elm327Battery.ReadMillivolts(_link);
        }

        private void Exchange(byte[] request, int length, int count, ObdResponseSet responses)
        {
            int n = 0;
            for (int i = 0; i < length; i++)
            {
                _command[n++] = (byte)Elm327Text.HexDigit(request[i] >> 4);
                _command[n++] = (byte)Elm327Text.HexDigit(request[i] & 0xF);
            }

            if (count > 0)
            {
                _command[n++] = (byte)Elm327Text.HexDigit(count);
            }

            ObdStatus status = _link.Execute(_command, n, RequestTimeoutMs);
            if (status != ObdStatus.Ok)
            {
                responses.Reset();
                responses.Status = status;
                return;
            }

            _parser.Parse(_link.Reply, 0, _link.ReplyLength, _info.IsCan, _info.HeadersOn, responses);
        }

        /// <summary>
        /// Remembers the lines of a full answer; forgets them when a counted answer came back
        /// short (an ECU's answer grew, e.g. more trouble codes), so the next request waits again.
        /// </summary>
        private void Learn(byte[] request, int length, int expectedResponses, bool suffix, ObdResponseSet responses)
        {
            if (!_info.IsCan || _countSuffixRejected)
            {
                return;
            }

            if (suffix)
            {
                if (responses.Status != ObdStatus.Ok || _parser.Incomplete || responses.Count < expectedResponses)
                {
                    _frames.Forget(request, length);
                }

                return;
            }

            if (responses.Status == ObdStatus.Ok && !_parser.Incomplete && _parser.TotalFrames > 0)
            {
                _frames.Remember(request, length, _parser.TotalFrames);
            }
        }

        /// <summary>ATSH only when the header changes: 3 hex digits on 11-bit CAN, 3 bytes on 29-bit.</summary>
        private bool SelectHeader(uint header, ObdResponseSet responses)
        {
            if (header == _currentHeader)
            {
                return true;
            }

            int digits = header > 0xFFF ? 6 : 3;
            _headerCommand[0] = (byte)'A';
            _headerCommand[1] = (byte)'T';
            _headerCommand[2] = (byte)'S';
            _headerCommand[3] = (byte)'H';
            for (int i = 0; i < digits; i++)
            {
                // The 29-bit priority byte (18) stays at the adapter's default (AT CP 18).
                _headerCommand[4 + i] = (byte)Elm327Text.HexDigit((int)(header >> (4 * (digits - 1 - i))) & 0xF);
            }

            ObdStatus status = _link.Execute(_headerCommand, 4 + digits, RequestTimeoutMs);
            if (status == ObdStatus.Ok && !_link.ReplyEndsWithOk())
            {
                status = ObdStatus.Rejected;
            }

            if (status != ObdStatus.Ok)
            {
                responses.Status = status;
                _currentHeader = 0;
                return false;
            }

            _currentHeader = header;
            return true;
        }
    }
}
