namespace RydBox.Contract;

/// <summary>A decoded acknowledgement of command <see cref="Id"/>.</summary>
public sealed record CommandAck(int Version, long Id, bool Ok, string? Error, IReadOnlyDictionary<string, AckValue> Result);

/// <summary>One result entry: an integer, a text or a list of texts.</summary>
public sealed record AckValue
{
    private AckValue(long? number, string? text, IReadOnlyList<string>? list)
    {
        Number = number;
        Text = text;
        List = list;
    }

    public long? Number { get; }

    public string? Text { get; }

    public IReadOnlyList<string>? List { get; }

    public static AckValue Of(long number) => new(number, null, null);

    public static AckValue Of(string text) => new(null, text, null);

    public static AckValue Of(IReadOnlyList<string> list) => new(null, null, list);

    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Text ?? "[" + string.Join(", ", List!) + "]";
}
