namespace RydBox.Firmware.Wire
{
    /// <summary>The types a command argument may have.</summary>
    public enum CommandValueKind
    {
        Int = 1,
        Text = 2,
        Bool = 3,
    }
}
