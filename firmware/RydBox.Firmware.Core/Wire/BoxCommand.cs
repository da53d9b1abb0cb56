namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// One command from the gateway, parsed by <see cref="CommandParser"/> into this preallocated
    /// object. Known command names are the <see cref="CommandNames"/> constants (no allocation);
    /// argument names and text values are new strings, which is fine for something that arrives
    /// a few times a day.
    /// </summary>
    public sealed class BoxCommand
    {
        public const int MaxArguments = 8;

        /// <summary>Longest command name, argument name or text value, in UTF-8 bytes.</summary>
        public const int MaxTextBytes = 64;

        /// <summary>Largest command payload the box reads.</summary>
        public const int MaxCommandBytes = 1024;

        private readonly string[] _names = new string[MaxArguments];
        private readonly CommandValueKind[] _kinds = new CommandValueKind[MaxArguments];
        private readonly long[] _ints = new long[MaxArguments];
        private readonly string?[] _texts = new string?[MaxArguments];

        /// <summary>Valid whenever <see cref="HasId"/> is set, even when parsing failed later, so the error can be acknowledged.</summary>
        public long Id { get; private set; }

        public bool HasId { get; private set; }

        public string Name { get; private set; } = "";

        public int ArgumentCount { get; private set; }

        public bool Is(string commandName)
        {
            return Name == commandName;
        }

        public string ArgumentName(int index)
        {
            return _names[index];
        }

        public CommandValueKind ArgumentKind(int index)
        {
            return _kinds[index];
        }

        /// <summary>The integer of an Int argument, or 1/0 for a Bool one.</summary>
        public long IntArgument(int index)
        {
            return _ints[index];
        }

        public string? TextArgument(int index)
        {
            return _texts[index];
        }

        /// <summary>Index of the argument called <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < ArgumentCount; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        public bool TryGetInt(string name, out long value)
        {
            int i = IndexOf(name);
            value = i >= 0 && _kinds[i] == CommandValueKind.Int ? _ints[i] : 0;
            return i >= 0 && _kinds[i] == CommandValueKind.Int;
        }

        public bool TryGetBool(string name, out bool value)
        {
            int i = IndexOf(name);
            value = i >= 0 && _kinds[i] == CommandValueKind.Bool && _ints[i] != 0;
            return i >= 0 && _kinds[i] == CommandValueKind.Bool;
        }

        /// <summary>The text of a Text argument, or null when there is none by that name.</summary>
        public string? TextOf(string name)
        {
            int i = IndexOf(name);
            return i >= 0 && _kinds[i] == CommandValueKind.Text ? _texts[i] : null;
        }

        internal void Clear()
        {
            Id = 0;
            HasId = false;
            Name = "";
            for (int i = 0; i < ArgumentCount; i++)
            {
                _texts[i] = null;
            }

            ArgumentCount = 0;
        }

        internal void SetId(long id)
        {
            Id = id;
            HasId = true;
        }

        internal void SetName(string name)
        {
            Name = name;
        }

        /// <summary>Appends an argument; false when all <see cref="MaxArguments"/> slots are taken.</summary>
        internal bool Add(string name, CommandValueKind kind, long number, string? text)
        {
            if (ArgumentCount == MaxArguments)
            {
                return false;
            }

            _names[ArgumentCount] = name;
            _kinds[ArgumentCount] = kind;
            _ints[ArgumentCount] = number;
            _texts[ArgumentCount] = text;
            ArgumentCount++;
            return true;
        }
    }
}
