namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Writes a v1 command acknowledgement {0: version, 1: id, 2: ok, ?3: error, ?4: result}
    /// piece by piece, so the runtime can add result entries as it produces them:
    /// <code>
    /// acks.Begin(buffer, command.Id, true, null);
    /// acks.BeginList("dtcs");
    /// for (...) acks.AddListItem(chars, 0, DtcCode.Length);
    /// acks.EndList();
    /// int length = acks.Finish();
    /// </code>
    /// Counts are filled in when a container ends, so nothing needs to be known in advance.
    /// Allocation-free; misuse (an entry outside Begin/Finish, a list left open) makes Finish return 0.
    /// </summary>
    public sealed class CommandAckEncoder
    {
        /// <summary>Entries in the result map, and items in one result list.</summary>
        public const int MaxEntries = 64;

        /// <summary>Longest error text, result name or result text, in UTF-8 bytes.</summary>
        public const int MaxTextBytes = 64;

        public const int NothingToEncode = 0;
        public const int DoesNotFit = -1;

        private readonly CborWriter _writer = new CborWriter();
        private bool _open;
        private bool _misused;
        private int _topHead;
        private int _topEntries;
        private int _resultHead = -1;
        private int _resultEntries;
        private int _listHead = -1;
        private int _listItems;

        /// <summary>Starts an acknowledgement in <paramref name="into"/>. <paramref name="error"/> is left out when null.</summary>
        public void Begin(byte[] into, long id, bool ok, string? error)
        {
            _writer.Reset(into);
            _open = true;
            _misused = id < 0 || TooLong(error);
            _resultHead = -1;
            _resultEntries = 0;
            _listHead = -1;
            _topHead = _writer.BeginMap();
            _topEntries = 3;
            _writer.WriteInt(WireKeys.Version);
            _writer.WriteInt(WireKeys.CurrentVersion);
            _writer.WriteInt(AckKeys.Id);
            _writer.WriteInt(id);
            _writer.WriteInt(AckKeys.Ok);
            _writer.WriteBool(ok);
            if (error != null && !_misused)
            {
                _writer.WriteInt(AckKeys.Error);
                _writer.WriteText(error);
                _topEntries++;
            }
        }

        public void AddInt(string name, long value)
        {
            if (StartEntry(name))
            {
                _writer.WriteInt(value);
            }
        }

        public void AddText(string name, string value)
        {
            if (StartEntry(name) && !Misused(value == null || TooLong(value)))
            {
                _writer.WriteText(value!);
            }
        }

        public void AddText(string name, char[] chars, int offset, int count)
        {
            if (StartEntry(name) && !Misused(Utf8.ByteCount(chars, offset, count) > MaxTextBytes))
            {
                _writer.WriteText(chars, offset, count);
            }
        }

        /// <summary>Starts a result entry whose value is a list of texts (e.g. trouble codes).</summary>
        public void BeginList(string name)
        {
            if (StartEntry(name))
            {
                _listHead = _writer.BeginArray();
                _listItems = 0;
            }
        }

        public void AddListItem(string text)
        {
            if (ListItem(text == null || TooLong(text)))
            {
                _writer.WriteText(text!);
            }
        }

        public void AddListItem(char[] chars, int offset, int count)
        {
            if (ListItem(Utf8.ByteCount(chars, offset, count) > MaxTextBytes))
            {
                _writer.WriteText(chars, offset, count);
            }
        }

        public void EndList()
        {
            if (Misused(!_open || _listHead < 0))
            {
                return;
            }

            _writer.EndArray(_listHead, _listItems);
            _listHead = -1;
        }

        /// <summary>Closes the acknowledgement: its length, <see cref="DoesNotFit"/>, or <see cref="NothingToEncode"/> after misuse.</summary>
        public int Finish()
        {
            bool wasOpen = _open;
            _open = false;
            if (!wasOpen || _misused || _listHead >= 0)
            {
                return NothingToEncode;
            }

            if (_resultHead >= 0)
            {
                _writer.EndMap(_resultHead, _resultEntries);
            }

            _writer.EndMap(_topHead, _topEntries);
            return _writer.Overflowed ? DoesNotFit : _writer.Length;
        }

        /// <summary>Writes the entry's name, opening the result map on the first entry; false when the call is out of place.</summary>
        private bool StartEntry(string name)
        {
            if (Misused(!_open || _listHead >= 0 || _resultEntries == MaxEntries || name == null || TooLong(name)))
            {
                return false;
            }

            if (_resultHead < 0)
            {
                _writer.WriteInt(AckKeys.Result);
                _resultHead = _writer.BeginMap();
                _topEntries++;
            }

            _writer.WriteText(name!);
            _resultEntries++;
            return true;
        }

        private bool ListItem(bool tooLong)
        {
            if (Misused(!_open || _listHead < 0 || _listItems == MaxEntries || tooLong))
            {
                return false;
            }

            _listItems++;
            return true;
        }

        private bool Misused(bool condition)
        {
            if (condition)
            {
                _misused = true;
            }

            return _misused;
        }

        private static bool TooLong(string? text)
        {
            return text == null ? false : Utf8.ByteCount(text, 0, text.Length) > MaxTextBytes;
        }
    }
}
