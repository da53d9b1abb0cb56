using System.Formats.Cbor;
using System.Text;
using RydBox.Firmware.Wire;
using CborWriter = System.Formats.Cbor.CborWriter;

namespace RydBox.Contract;

/// <summary>
/// Encodes what the gateway sends on a box's cmd topic: {0: version, 1: id, 2: name, ?3: {name: value}}.
/// It refuses (ArgumentException) anything the box's parser would reject, so a command that
/// leaves the gateway is one the box can read.
/// </summary>
public static class CommandEncoder
{
    public static byte[] Encode(long id, string name, params IReadOnlyList<CommandArgument> arguments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        CheckText(name, nameof(name));
        if (name.Length == 0)
        {
            throw new ArgumentException("a command needs a name", nameof(name));
        }

        if (arguments.Count > BoxCommand.MaxArguments)
        {
            throw new ArgumentException($"{arguments.Count} arguments; a box reads at most {BoxCommand.MaxArguments}", nameof(arguments));
        }

        if (arguments.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != arguments.Count)
        {
            throw new ArgumentException("argument names must be unique", nameof(arguments));
        }

        // Canonical mode sorts the argument keys, so equal commands are equal bytes.
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(arguments.Count > 0 ? 4 : 3);
        writer.WriteInt32(WireKeys.Version);
        writer.WriteInt32(WireKeys.CurrentVersion);
        writer.WriteInt32(CommandKeys.Id);
        writer.WriteInt64(id);
        writer.WriteInt32(CommandKeys.Name);
        writer.WriteTextString(name);
        if (arguments.Count > 0)
        {
            writer.WriteInt32(CommandKeys.Arguments);
            writer.WriteStartMap(arguments.Count);
            foreach (CommandArgument argument in arguments)
            {
                CheckText(argument.Name, nameof(arguments));
                writer.WriteTextString(argument.Name);
                switch (argument.Kind)
                {
                    case CommandValueKind.Int:
                        writer.WriteInt64(argument.Number);
                        break;
                    case CommandValueKind.Bool:
                        writer.WriteBoolean(argument.Number != 0);
                        break;
                    default:
                        CheckText(argument.Text!, nameof(arguments));
                        writer.WriteTextString(argument.Text!);
                        break;
                }
            }

            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        byte[] payload = writer.Encode();
        if (payload.Length > BoxCommand.MaxCommandBytes)
        {
            throw new ArgumentException($"{payload.Length} bytes; a box reads at most {BoxCommand.MaxCommandBytes}", nameof(arguments));
        }

        return payload;
    }

    private static void CheckText(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text, parameter);
        if (Encoding.UTF8.GetByteCount(text) > BoxCommand.MaxTextBytes)
        {
            throw new ArgumentException($"\"{text}\" is longer than {BoxCommand.MaxTextBytes} UTF-8 bytes", parameter);
        }
    }
}
