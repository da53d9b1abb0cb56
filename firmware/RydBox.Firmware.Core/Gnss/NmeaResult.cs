namespace RydBox.Firmware.Gnss
{
    /// <summary>Why <see cref="NmeaParser.Parse"/> did or did not take a line.</summary>
    public enum NmeaResult
    {
        /// <summary>A supported sentence was decoded into the fix.</summary>
        Ok,
        /// <summary>Nothing but line endings (or nothing at all).</summary>
        Empty,
        /// <summary>The line does not begin with '$' (AIS '!' sentences included).</summary>
        NoStartDelimiter,
        /// <summary>No "*hh" checksum; such lines are refused, see <see cref="NmeaParser"/>.</summary>
        MissingChecksum,
        /// <summary>The checksum is not two hex digits or does not match the sentence.</summary>
        BadChecksum,
        /// <summary>The line ends inside the checksum ("*" or "*4").</summary>
        Truncated,
        /// <summary>The checksum matched but the sentence has fewer fields than its type requires.</summary>
        TooFewFields,
        /// <summary>A field could not be read; <see cref="NmeaParser.BadField"/> says which.</summary>
        BadField,
        /// <summary>A valid sentence of a type this parser does not decode (GSV, TXT, proprietary...).</summary>
        UnsupportedSentence,
        /// <summary>Longer than <see cref="NmeaParser.MaxLineLength"/>.</summary>
        TooLong
    }
}
