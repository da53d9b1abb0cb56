using System.IO;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// The command/prompt exchange with an ELM327: sends one CR-terminated command and collects the
    /// answer up to the '>' prompt into a preallocated buffer, cleaned of what real adapters add:
    /// NUL bytes, bytes with the high bit set (line noise, wrong baud rate), LF or CR LF line ends,
    /// blank lines, and the echo of the command (clones echo even after ATE0).
    /// </summary>
    public sealed class Elm327Link
    {
        public const int DefaultReceiveCapacity = 1024;
        public const int MaxCommandLength = 64;

        private const byte Cr = 0x0D;
        private const byte Lf = 0x0A;
        private const byte Prompt = (byte)'>';

        private readonly IByteStream _stream;
        private readonly IClock _clock;
        private readonly byte[] _command = new byte[MaxCommandLength + 1];
        private readonly byte[] _chunk = new byte[64];
        private readonly byte[] _reply;
        private int _commandLength;
        private bool _overflowed;

        public Elm327Link(IByteStream stream, IClock clock)
            : this(stream, clock, DefaultReceiveCapacity)
        {
        }

        public Elm327Link(IByteStream stream, IClock clock, int receiveCapacity)
        {
            _stream = stream;
            _clock = clock;
            _reply = new byte[receiveCapacity];
        }

        /// <summary>The cleaned answer: lines separated by a single CR, no echo, no prompt.</summary>
        public byte[] Reply
        {
            get { return _reply; }
        }

        public int ReplyLength { get; private set; }

        /// <summary>Bytes dropped as noise during the last exchange (NULs and line ends excluded).</summary>
        public int NoiseBytes { get; private set; }

        /// <summary>True when the adapter echoed the last command back.</summary>
        public bool Echoed { get; private set; }

        /// <summary>
        /// Sends <paramref name="command"/> (without CR) and waits up to <paramref name="timeoutMs"/>
        /// for the prompt. Ok, Timeout (no prompt in time), Garbled (answer larger than the buffer)
        /// or Disconnected.
        /// </summary>
        public ObdStatus Execute(string command, int timeoutMs)
        {
            int length = command.Length < MaxCommandLength ? command.Length : MaxCommandLength;
            for (int i = 0; i < length; i++)
            {
                _command[i] = (byte)command[i];
            }

            return Exchange(length, timeoutMs);
        }

        /// <summary>As <see cref="Execute(string,int)"/>, for a command already in bytes (no allocation).</summary>
        public ObdStatus Execute(byte[] command, int length, int timeoutMs)
        {
            if (length > MaxCommandLength)
            {
                length = MaxCommandLength;
            }

            for (int i = 0; i < length; i++)
            {
                _command[i] = command[i];
            }

            return Exchange(length, timeoutMs);
        }

        /// <summary>True when the reply is exactly <paramref name="text"/>, ignoring case and spaces.</summary>
        public bool ReplyIs(string text)
        {
            return Elm327Text.EqualsIgnoringSpaces(_reply, 0, ReplyLength, text);
        }

        /// <summary>True when the reply's last line is "OK" (some clones print an info line first).</summary>
        public bool ReplyEndsWithOk()
        {
            int start = Elm327Text.LastLineStart(_reply, ReplyLength);
            return Elm327Text.EqualsIgnoringSpaces(_reply, start, ReplyLength - start, "OK");
        }

        /// <summary>The reply as a string, lines joined by spaces. Allocates: for initialisation only.</summary>
        public string ReplyText()
        {
            char[] chars = new char[ReplyLength];
            for (int i = 0; i < ReplyLength; i++)
            {
                chars[i] = _reply[i] == Cr ? ' ' : (char)_reply[i];
            }

            return new string(chars, 0, ReplyLength).Trim();
        }

        private ObdStatus Exchange(int commandLength, int timeoutMs)
        {
            ReplyLength = 0;
            NoiseBytes = 0;
            Echoed = false;
            _overflowed = false;
            _commandLength = commandLength;
            try
            {
                DiscardStaleInput();
                _command[commandLength] = Cr;
                _stream.Write(_command, 0, commandLength + 1);
                return Receive(_clock.NowMilliseconds + timeoutMs);
            }
            catch (IOException)
            {
                ReplyLength = 0;
                return ObdStatus.Disconnected;
            }
        }

        /// <summary>A late answer to an earlier, timed-out command must not be read as this one's.</summary>
        private void DiscardStaleInput()
        {
            while (_stream.Read(_chunk, 0, _chunk.Length, 0) > 0)
            {
            }
        }

        private ObdStatus Receive(long deadline)
        {
            while (true)
            {
                long remaining = deadline - _clock.NowMilliseconds;
                if (remaining <= 0)
                {
                    FinishReply();
                    return ObdStatus.Timeout;
                }

                int count = _stream.Read(_chunk, 0, _chunk.Length, (int)remaining);
                for (int i = 0; i < count; i++)
                {
                    if (_chunk[i] == Prompt)
                    {
                        FinishReply();
                        return _overflowed ? ObdStatus.Garbled : ObdStatus.Ok;
                    }

                    Accept(_chunk[i]);
                }
            }
        }

        private void Accept(byte value)
        {
            if (value == Lf)
            {
                value = Cr;
            }

            if (value == Cr)
            {
                if (ReplyLength == 0 || _reply[ReplyLength - 1] == Cr)
                {
                    return;
                }

                if (IsEchoLine(Elm327Text.LastLineStart(_reply, ReplyLength)))
                {
                    ReplyLength = Elm327Text.LastLineStart(_reply, ReplyLength);
                    Echoed = true;
                    return;
                }
            }
            else if (value < 0x20 || value > 0x7E)
            {
                if (value != 0)
                {
                    NoiseBytes++;
                }

                return;
            }

            if (ReplyLength == _reply.Length)
            {
                _overflowed = true;
                return;
            }

            _reply[ReplyLength++] = value;
        }

        /// <summary>
        /// The echo is the first line and is the command, possibly after noise. A prefix of hex digits
        /// only is data, not noise: "41 0C 01 0C" must survive the command "010C".
        /// </summary>
        private bool IsEchoLine(int lineStart)
        {
            if (Echoed || lineStart != 0 || _commandLength == 0)
            {
                return false;
            }

            int prefix = Elm327Text.PrefixBeforeSuffixIgnoringSpaces(_reply, ReplyLength, _command, _commandLength);
            return prefix == 0 || (prefix > 0 && !Elm327Text.IsHexOrSpaceOnly(_reply, 0, prefix));
        }

        private void FinishReply()
        {
            if (ReplyLength > 0 && _reply[ReplyLength - 1] == Cr)
            {
                ReplyLength--;
            }
            else if (ReplyLength > 0 && IsEchoLine(Elm327Text.LastLineStart(_reply, ReplyLength)))
            {
                ReplyLength = 0;
                Echoed = true;
            }
        }
    }
}
