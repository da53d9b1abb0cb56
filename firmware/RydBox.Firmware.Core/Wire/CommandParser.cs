namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Parses a v1 command {0: version, 1: id, 2: name, ?3: {name: int | text | bool}} into a
    /// <see cref="BoxCommand"/>. Any problem gives a status, never an exception; the id is kept
    /// whenever it could be read, so even a bad command can be acknowledged with its error.
    /// </summary>
    public sealed class CommandParser
    {
        private readonly CborReader _reader = new CborReader();
        private readonly char[] _text = new char[BoxCommand.MaxTextBytes];

        public WireStatus Parse(byte[] data, int length, BoxCommand into)
        {
            into.Clear();
            if (length > BoxCommand.MaxCommandBytes)
            {
                return WireStatus.Oversized;
            }

            CborReader r = _reader;
            r.Reset(data, 0, length);
            if (!r.AtEnd && r.PeekMajorType() != CborMajorType.Map)
            {
                return WireStatus.Malformed; // not a payload at all, as the gateway's decoders see it
            }

            int entries = r.ReadContainer(CborMajorType.Map);
            bool hasVersion = false;
            bool hasName = false;
            WireStatus content = WireStatus.Ok;
            for (int i = 0; i < entries && r.Status == WireStatus.Ok; i++)
            {
                long key;
                if (!r.ReadInt(out key))
                {
                    break;
                }

                if (key == WireKeys.Version)
                {
                    long version;
                    hasVersion = r.ReadInt(out version);
                    content = Worse(content, hasVersion && version != WireKeys.CurrentVersion ? WireStatus.UnsupportedVersion : WireStatus.Ok);
                }
                else if (key == CommandKeys.Id)
                {
                    long id;
                    if (r.ReadInt(out id))
                    {
                        if (id < 0)
                        {
                            content = Worse(content, WireStatus.InvalidValue);
                        }
                        else
                        {
                            into.SetId(id);
                        }
                    }
                }
                else if (key == CommandKeys.Name)
                {
                    int count = r.ReadText(_text, BoxCommand.MaxTextBytes);
                    hasName = count >= 0;
                    content = Worse(content, count == 0 ? WireStatus.InvalidValue : WireStatus.Ok);
                    if (count > 0)
                    {
                        into.SetName(CommandNames.Find(_text, count) ?? new string(_text, 0, count));
                    }
                }
                else if (key == CommandKeys.Arguments)
                {
                    content = Worse(content, ReadArguments(into));
                }
                else
                {
                    r.Skip(); // entries a later v1 revision may add
                }
            }

            if (r.Status == WireStatus.Ok && !r.AtEnd)
            {
                r.Fail(WireStatus.Malformed); // bytes after the command
            }

            if (r.Status != WireStatus.Ok)
            {
                return r.Status;
            }

            if (content != WireStatus.Ok)
            {
                return content;
            }

            return hasVersion && into.HasId && hasName ? WireStatus.Ok : WireStatus.MissingField;
        }

        private WireStatus ReadArguments(BoxCommand into)
        {
            CborReader r = _reader;
            int count = r.ReadContainer(CborMajorType.Map);
            WireStatus status = count > BoxCommand.MaxArguments ? WireStatus.Oversized : WireStatus.Ok;
            for (int i = 0; i < count && r.Status == WireStatus.Ok; i++)
            {
                int nameLength = r.ReadText(_text, BoxCommand.MaxTextBytes);
                if (nameLength < 0)
                {
                    break;
                }

                string name = new string(_text, 0, nameLength);
                if (into.IndexOf(name) >= 0)
                {
                    status = Worse(status, WireStatus.InvalidValue);
                }

                int major = r.PeekMajorType();
                if (major == CborMajorType.UnsignedInteger || major == CborMajorType.NegativeInteger)
                {
                    long value;
                    if (r.ReadInt(out value))
                    {
                        into.Add(name, CommandValueKind.Int, value, null);
                    }
                }
                else if (major == CborMajorType.TextString)
                {
                    int length = r.ReadText(_text, BoxCommand.MaxTextBytes);
                    if (length >= 0)
                    {
                        into.Add(name, CommandValueKind.Text, 0, new string(_text, 0, length));
                    }
                }
                else if (major == CborMajorType.SimpleOrFloat)
                {
                    bool value;
                    if (r.ReadBool(out value))
                    {
                        into.Add(name, CommandValueKind.Bool, value ? 1 : 0, null);
                    }
                }
                else
                {
                    status = Worse(status, WireStatus.InvalidValue);
                    r.Skip();
                }
            }

            return status;
        }

        /// <summary>Keeps the first content problem found.</summary>
        private static WireStatus Worse(WireStatus current, WireStatus next)
        {
            return current != WireStatus.Ok ? current : next;
        }
    }
}
