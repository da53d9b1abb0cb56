using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// Turns the text an ELM327 printed for one OBD request into one answer per ECU, payload from the
    /// service byte on. Handles headers on (11-bit, 29-bit CAN, or 3-byte J1850/ISO 9141/KWP headers
    /// with a trailing checksum) and off, spaces on or off, raw ISO-TP frames (headers on) or the
    /// ELM327's numbered lines (headers off), several ECUs, and every error text. A bad line is
    /// skipped and the good ones kept. Works on bytes in preallocated state: no allocation, no throw.
    /// </summary>
    public sealed class Elm327ResponseParser
    {
        /// <summary>Longer lines are not frames (a CAN frame with a 29-bit header is 12 bytes).</summary>
        public const int MaxLineBytes = 16;

        private const int NoError = -1;
        private const int NoSlot = -1;

        private readonly byte[] _bytes = new byte[MaxLineBytes];
        private readonly int[] _expected;
        private readonly int[] _received;
        private readonly int[] _nextSequence;
        private readonly int[] _frames;
        private readonly bool[] _broken;

        private ObdResponseSet? _set;
        private bool _isCan;
        private bool _headers;
        private int _byteCount;
        private int _headerNibbles;
        private uint _header;
        private int _lineIndex;
        private int _error;
        private uint _nextAnonymousId;
        private int _numberedSlot;

        public Elm327ResponseParser()
            : this(ObdResponseSet.DefaultMaxEcus)
        {
        }

        /// <param name="maxEcus">At least the slot count of the response sets it will fill.</param>
        public Elm327ResponseParser(int maxEcus)
        {
            _expected = new int[maxEcus];
            _received = new int[maxEcus];
            _nextSequence = new int[maxEcus];
            _frames = new int[maxEcus];
            _broken = new bool[maxEcus];
        }

        /// <summary>Lines of the last parse that were skipped as unreadable.</summary>
        public int BadLines { get; private set; }

        /// <summary>
        /// Frames (lines) of every ECU's answer together in the last parse: what the ELM327's
        /// response-count digit counts.
        /// </summary>
        public int TotalFrames { get; private set; }

        /// <summary>True when a multi-frame answer was cut short or out of sequence (and dropped).</summary>
        public bool Incomplete { get; private set; }

        /// <summary>
        /// Parses text[offset, offset+length) into <paramref name="responses"/> (reset first) and
        /// returns its status.
        /// </summary>
        /// <param name="isCan">The protocol runs on CAN (ISO-TP framing) rather than J1850/K-line.</param>
        /// <param name="headers">Headers were on (ATH1); without them ECUs get numbers 0, 1, 2...</param>
        public ObdStatus Parse(byte[] text, int offset, int length, bool isCan, bool headers, ObdResponseSet responses)
        {
            responses.Reset();
            _set = responses;
            _isCan = isCan;
            _headers = headers;
            _error = NoError;
            _nextAnonymousId = 0;
            _numberedSlot = NoSlot;
            BadLines = 0;
            TotalFrames = 0;
            Incomplete = false;

            int end = offset + length;
            if (offset < 0 || end > text.Length || length < 0)
            {
                end = offset;
            }

            int lineStart = offset;
            for (int i = offset; i <= end; i++)
            {
                if (i == end || text[i] == '\r' || text[i] == '\n')
                {
                    ParseLine(text, lineStart, i);
                    lineStart = i + 1;
                }
            }

            DropUnfinished();
            responses.Status = Conclude();
            _set = null;
            return responses.Status;
        }

        private ObdStatus Conclude()
        {
            ObdResponseSet set = _set!;
            if (set.Count > 0)
            {
                // These two mean the adapter cut the answer; the caller must know it is partial.
                return _error == (int)ObdStatus.BufferFull || _error == (int)ObdStatus.Stopped
                    ? (ObdStatus)_error
                    : ObdStatus.Ok;
            }

            if (_error != NoError)
            {
                return (ObdStatus)_error;
            }

            return BadLines > 0 || Incomplete ? ObdStatus.Garbled : ObdStatus.NoData;
        }

        private void ParseLine(byte[] text, int start, int end)
        {
            Trim(text, ref start, ref end);
            int searching = Elm327Text.MatchPrefixIgnoringSpaces(text, start, end - start, "SEARCHING...");
            if (searching >= 0)
            {
                start += searching;
                Trim(text, ref start, ref end);
            }

            if (start == end)
            {
                return;
            }

            int meaning = Elm327Messages.Classify(text, start, end - start);
            if (meaning == Elm327Messages.Informational)
            {
                return;
            }

            if (meaning != Elm327Messages.NotAMessage)
            {
                if (_error == NoError)
                {
                    _error = meaning;
                }

                return;
            }

            if (!ReadHex(text, start, end) || !Dispatch())
            {
                BadLines++;
            }
        }

        private static void Trim(byte[] text, ref int start, ref int end)
        {
            while (start < end && text[start] == ' ')
            {
                start++;
            }

            while (end > start && text[end - 1] == ' ')
            {
                end--;
            }
        }

        /// <summary>
        /// Reads the header (kept as a number; 3 hex digits for 11-bit CAN make the digit count odd)
        /// or the numbered-line index, then the data bytes.
        /// </summary>
        private bool ReadHex(byte[] text, int start, int end)
        {
            _byteCount = 0;
            _header = 0;
            _headerNibbles = 0;
            _lineIndex = -1;

            int digits = 0;
            int colon = -1;
            for (int i = start; i < end; i++)
            {
                byte c = text[i];
                if (c == ':' && colon < 0 && digits == 1)
                {
                    colon = i;
                }
                else if (Elm327Text.HexValue(c) >= 0)
                {
                    digits++;
                }
                else if (c != ' ')
                {
                    return false;
                }
            }

            int skip = 0;
            if (colon >= 0)
            {
                _lineIndex = Elm327Text.HexValue(text[SkipSpaces(text, start, end)]);
                skip = 1;
            }
            else if (_isCan && _headers)
            {
                _headerNibbles = (digits & 1) == 1 ? 3 : 8;
                skip = _headerNibbles;
            }

            if (((digits - skip) & 1) == 1 || (digits - skip) / 2 > MaxLineBytes)
            {
                // An odd digit count is either the numbered-line length ("014") or a broken line.
                return colon < 0 && !_headers && digits == 3 && ReadNumber(text, start, end);
            }

            int nibble = -1;
            int seen = 0;
            for (int i = start; i < end; i++)
            {
                int value = Elm327Text.HexValue(text[i]);
                if (value < 0)
                {
                    continue;
                }

                if (seen++ < skip)
                {
                    _header = (_header << 4) | (uint)value;
                    continue;
                }

                if (nibble < 0)
                {
                    nibble = value;
                }
                else
                {
                    _bytes[_byteCount++] = (byte)((nibble << 4) | value);
                    nibble = -1;
                }
            }

            return true;
        }

        private bool ReadNumber(byte[] text, int start, int end)
        {
            _header = 0;
            for (int i = start; i < end; i++)
            {
                int value = Elm327Text.HexValue(text[i]);
                if (value >= 0)
                {
                    _header = (_header << 4) | (uint)value;
                }
            }

            _headerNibbles = 3;
            return true;
        }

        private static int SkipSpaces(byte[] text, int start, int end)
        {
            while (start < end && text[start] == ' ')
            {
                start++;
            }

            return start;
        }

        private bool Dispatch()
        {
            if (!_isCan)
            {
                return _headers ? AcceptLegacyFrame() : AcceptHeaderless(0);
            }

            if (_headers)
            {
                return AcceptIsoTp(_header);
            }

            if (_lineIndex >= 0)
            {
                return AcceptNumberedLine();
            }

            if (_headerNibbles == 3)
            {
                return StartNumberedMessage((int)_header);
            }

            return AcceptHeaderless(_nextAnonymousId++);
        }

        /// <summary>J1850 / ISO 9141 / KWP: priority, target, source, data, checksum.</summary>
        private bool AcceptLegacyFrame()
        {
            if (_byteCount < 5)
            {
                return false;
            }

            int slot = SlotFor(_bytes[2]);
            if (slot == NoSlot)
            {
                return true;
            }

            AppendBytes(slot, 3, _byteCount - 1);
            return true;
        }

        private bool AcceptHeaderless(uint ecuId)
        {
            if (_byteCount == 0)
            {
                return false;
            }

            int slot = SlotFor(ecuId);
            if (slot != NoSlot)
            {
                AppendBytes(slot, 0, _byteCount);
            }

            return true;
        }

        private bool StartNumberedMessage(int totalLength)
        {
            if (totalLength == 0)
            {
                return false;
            }

            _numberedSlot = SlotFor(_nextAnonymousId++);
            if (_numberedSlot != NoSlot)
            {
                _expected[_numberedSlot] = totalLength;
                _nextSequence[_numberedSlot] = 0;
            }

            return true;
        }

        private bool AcceptNumberedLine()
        {
            if (_numberedSlot == NoSlot || _received[_numberedSlot] >= _expected[_numberedSlot])
            {
                return false;
            }

            int slot = _numberedSlot;
            if (_lineIndex != _nextSequence[slot])
            {
                _broken[slot] = true;
                return true;
            }

            _nextSequence[slot] = (_lineIndex + 1) & 0xF;
            AppendUpTo(slot, 0, _expected[slot] - _received[slot]);
            return true;
        }

        private bool AcceptIsoTp(uint ecuId)
        {
            if (_byteCount < 2)
            {
                return false;
            }

            int type = _bytes[0] >> 4;
            int low = _bytes[0] & 0xF;
            if (type == 0)
            {
                if (low == 0 || low > _byteCount - 1)
                {
                    return false;
                }

                int slot = SlotFor(ecuId);
                if (slot != NoSlot)
                {
                    StartSingleFrame(slot);
                    AppendBytes(slot, 1, 1 + low);
                }

                return true;
            }

            if (type == 1)
            {
                int total = (low << 8) | _bytes[1];
                if (total < 7 || _byteCount < 3)
                {
                    return false;
                }

                int slot = SlotFor(ecuId);
                if (slot != NoSlot)
                {
                    ClearSlot(slot);
                    _expected[slot] = total;
                    _nextSequence[slot] = 1;
                    AppendUpTo(slot, 2, total);
                }

                return true;
            }

            if (type == 2)
            {
                return AcceptConsecutiveFrame(ecuId, low);
            }

            // Flow control (type 3) is our adapter talking to the ECU: not part of the answer.
            return type == 3;
        }

        private bool AcceptConsecutiveFrame(uint ecuId, int sequence)
        {
            int slot = ExistingSlot(ecuId);
            if (slot == NoSlot || _expected[slot] == 0 || _received[slot] >= _expected[slot])
            {
                return false;
            }

            if (sequence != _nextSequence[slot])
            {
                _broken[slot] = true;
                return true;
            }

            _nextSequence[slot] = (sequence + 1) & 0xF;
            AppendUpTo(slot, 1, _expected[slot] - _received[slot]);
            return true;
        }

        /// <summary>
        /// A single frame replaces an unfinished multi-frame answer or a "response pending" (7F xx 78);
        /// otherwise it adds to what the ECU already said.
        /// </summary>
        private void StartSingleFrame(int slot)
        {
            EcuResponse response = _set![slot];
            bool pending = response.Length == 3 && response.Data[0] == 0x7F && response.Data[2] == 0x78;
            if (pending || (_expected[slot] > 0 && _received[slot] < _expected[slot]))
            {
                ClearSlot(slot);
            }
        }

        private void ClearSlot(int slot)
        {
            EcuResponse response = _set![slot];
            response.Length = 0;
            response.Truncated = false;
            _expected[slot] = 0;
            _received[slot] = 0;
            _broken[slot] = false;
        }

        /// <summary>Appends line bytes from <paramref name="from"/> on, at most <paramref name="limit"/> of them.</summary>
        private void AppendUpTo(int slot, int from, int limit)
        {
            int to = _byteCount - from > limit ? from + limit : _byteCount;
            AppendBytes(slot, from, to);
        }

        private void AppendBytes(int slot, int from, int to)
        {
            EcuResponse response = _set![slot];
            for (int i = from; i < to; i++)
            {
                response.Append(_bytes[i]);
            }

            _received[slot] += to - from;
            _frames[slot]++;
            TotalFrames++;
        }

        private int ExistingSlot(uint ecuId)
        {
            ObdResponseSet set = _set!;
            for (int i = 0; i < set.Count; i++)
            {
                if (set[i].EcuId == ecuId)
                {
                    return i;
                }
            }

            return NoSlot;
        }

        /// <summary>The ECU's slot, a new one, or none when the set (or our state) is full.</summary>
        private int SlotFor(uint ecuId)
        {
            int slot = ExistingSlot(ecuId);
            if (slot != NoSlot)
            {
                return slot;
            }

            ObdResponseSet set = _set!;
            if (set.Count >= _expected.Length || set.For(ecuId) == null)
            {
                set.Overflowed = true;
                return NoSlot;
            }

            slot = set.Count - 1;
            ClearSlot(slot);
            _nextSequence[slot] = 0;
            _frames[slot] = 0;
            return slot;
        }

        private void DropUnfinished()
        {
            ObdResponseSet set = _set!;
            for (int slot = set.Count - 1; slot >= 0; slot--)
            {
                if (_broken[slot] || _received[slot] < _expected[slot])
                {
                    Incomplete = true;
                    set.RemoveAt(slot);
                    ShiftStateDown(slot, set.Count + 1);
                }
            }
        }

        private void ShiftStateDown(int slot, int count)
        {
            for (int i = slot; i < count - 1; i++)
            {
                _expected[i] = _expected[i + 1];
                _received[i] = _received[i + 1];
                _broken[i] = _broken[i + 1];
                _frames[i] = _frames[i + 1];
                _nextSequence[i] = _nextSequence[i + 1];
            }
        }
    }
}
