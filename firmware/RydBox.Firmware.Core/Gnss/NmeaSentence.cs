namespace RydBox.Firmware.Gnss
{
    /// <summary>The sentence types the parser decodes.</summary>
    public enum NmeaSentence
    {
        None,
        /// <summary>Recommended minimum: time, date, status, position, speed, course.</summary>
        Rmc,
        /// <summary>Fix data: time, position, quality, satellites, HDOP, altitude.</summary>
        Gga,
        /// <summary>Course and speed over ground.</summary>
        Vtg,
        /// <summary>DOP and active satellites: fix mode, PDOP, HDOP, VDOP.</summary>
        Gsa,
        /// <summary>Geographic position: position, time, status.</summary>
        Gll
    }
}
