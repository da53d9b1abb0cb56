using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>One named argument of a command: an integer, a text or a boolean, as the box reads them.</summary>
public sealed record CommandArgument
{
    private CommandArgument(string name, CommandValueKind kind, long number, string? text)
    {
        Name = name;
        Kind = kind;
        Number = number;
        Text = text;
    }

    public string Name { get; }

    public CommandValueKind Kind { get; }

    /// <summary>The integer, or 1/0 for a boolean.</summary>
    public long Number { get; }

    public string? Text { get; }

    public static CommandArgument Of(string name, long value) => new(name, CommandValueKind.Int, value, null);

    public static CommandArgument Of(string name, string value) =>
        new(name, CommandValueKind.Text, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static CommandArgument Of(string name, bool value) => new(name, CommandValueKind.Bool, value ? 1 : 0, null);
}
