namespace RydBox.Firmware.Hardware
{
    /// <summary>A serial link whose bit rate can be changed while open (UART adapters; not TCP).</summary>
    public interface IBaudRateControl
    {
        int BaudRate { get; set; }
    }
}
