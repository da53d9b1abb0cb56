using System;

namespace RydBox.Firmware.Gnss
{
    /// <summary>
    /// The receiver's latest statement about time, position and motion, assembled from several
    /// sentences and reused for every line so that the GNSS loop allocates nothing.
    /// All quantities are integers (fixed point) because the device has no Math and the wire
    /// format carries integers. A value is meaningful only while its bit is set in
    /// <see cref="Known"/>; a sentence that leaves a field empty clears that bit, because the
    /// receiver has just said it no longer knows the value.
    /// </summary>
    public sealed class GnssFix
    {
        /// <summary>The values currently stated by the receiver.</summary>
        public GnssFields Known;

        /// <summary>UTC time of the fix (RMC, GGA, GLL).</summary>
        public int Hour;
        public int Minute;
        /// <summary>0..60 (60 only during a leap second).</summary>
        public int Second;
        public int Millisecond;

        /// <summary>UTC date of the fix (RMC only). Two-digit years 80..99 map to 19xx, others to 20xx.</summary>
        public int Year;
        public int Month;
        public int Day;

        /// <summary>RMC/GLL status: true for 'A' (data valid), false for 'V' (receiver warning).</summary>
        public bool IsValid;

        /// <summary>GGA fix quality: 0 invalid, 1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning, 7 manual, 8 simulator.</summary>
        public int Quality;

        /// <summary>GSA fix mode: 1 no fix, 2 2D, 3 3D.</summary>
        public int FixMode;

        /// <summary>NMEA 2.3+ mode indicator of RMC/GLL/VTG: 'A' autonomous, 'D' differential, 'E' estimated (dead reckoning), 'N' not valid, 'R'/'F' RTK, 'M' manual, 'S' simulator.</summary>
        public char PositionMode;

        /// <summary>Latitude in degrees x 10^7 (about 1 cm), north positive: -900000000..900000000.</summary>
        public int LatitudeE7;

        /// <summary>Longitude in degrees x 10^7, east positive: -1800000000..1800000000.</summary>
        public int LongitudeE7;

        /// <summary>Speed over ground in km/h x 100 (0.01 km/h), the unit of vehicle speed; knots are converted.</summary>
        public int SpeedKmhX100;

        /// <summary>Course over ground, true north, in degrees x 100: 0..35999.</summary>
        public int CourseDegX100;

        /// <summary>Altitude above mean sea level (GGA) in centimetres; may be negative.</summary>
        public int AltitudeCm;

        /// <summary>Dilutions of precision x 100 (1.18 is 118; 99.99 means "none").</summary>
        public int HdopX100;
        public int PdopX100;
        public int VdopX100;

        /// <summary>Satellites used in the solution, from GGA (some receivers cap it at 12).</summary>
        public int SatellitesUsed;

        /// <summary>True when every value in <paramref name="fields"/> is known.</summary>
        public bool Has(GnssFields fields)
        {
            return (Known & fields) == fields;
        }

        /// <summary>Sets or clears the known bits for <paramref name="fields"/>.</summary>
        internal void Mark(GnssFields fields, bool known)
        {
            Known = known ? Known | fields : Known & ~fields;
        }

        // The setters below take what one sentence said about a value: whether it was stated
        // and, if so, what it was. Decoders call them only once every field has been read.

        internal void SetTime(bool known, int hour, int minute, int second, int millisecond)
        {
            Mark(GnssFields.Time, known);
            if (known)
            {
                Hour = hour;
                Minute = minute;
                Second = second;
                Millisecond = millisecond;
            }
        }

        internal void SetDate(bool known, int day, int month, int year)
        {
            Mark(GnssFields.Date, known);
            if (known)
            {
                Day = day;
                Month = month;
                Year = year;
            }
        }

        internal void SetStatus(bool known, bool valid)
        {
            Mark(GnssFields.Status, known);
            IsValid = valid;
        }

        internal void SetPosition(bool known, int latitudeE7, int longitudeE7)
        {
            Mark(GnssFields.Position, known);
            LatitudeE7 = latitudeE7;
            LongitudeE7 = longitudeE7;
        }

        internal void SetSpeed(bool known, int speedKmhX100)
        {
            Mark(GnssFields.Speed, known);
            SpeedKmhX100 = speedKmhX100;
        }

        internal void SetCourse(bool known, int courseDegX100)
        {
            Mark(GnssFields.Course, known);
            CourseDegX100 = courseDegX100;
        }

        internal void SetHdop(bool known, int hdopX100)
        {
            Mark(GnssFields.Hdop, known);
            HdopX100 = hdopX100;
        }

        internal void SetPositionMode(bool known, char mode)
        {
            Mark(GnssFields.PositionMode, known);
            PositionMode = mode;
        }

        /// <summary>Forgets everything, e.g. when the receiver has gone silent.</summary>
        public void Reset()
        {
            Known = GnssFields.None;
            Hour = Minute = Second = Millisecond = 0;
            Year = Month = Day = 0;
            IsValid = false;
            Quality = FixMode = 0;
            PositionMode = '\0';
            LatitudeE7 = LongitudeE7 = 0;
            SpeedKmhX100 = CourseDegX100 = AltitudeCm = 0;
            HdopX100 = PdopX100 = VdopX100 = 0;
            SatellitesUsed = 0;
        }

        /// <summary>Copies every value, so a consumer can hold a stable snapshot while parsing goes on.</summary>
        public void CopyFrom(GnssFix other)
        {
            Known = other.Known;
            Hour = other.Hour;
            Minute = other.Minute;
            Second = other.Second;
            Millisecond = other.Millisecond;
            Year = other.Year;
            Month = other.Month;
            Day = other.Day;
            IsValid = other.IsValid;
            Quality = other.Quality;
            FixMode = other.FixMode;
            PositionMode = other.PositionMode;
            LatitudeE7 = other.LatitudeE7;
            LongitudeE7 = other.LongitudeE7;
            SpeedKmhX100 = other.SpeedKmhX100;
            CourseDegX100 = other.CourseDegX100;
            AltitudeCm = other.AltitudeCm;
            HdopX100 = other.HdopX100;
            PdopX100 = other.PdopX100;
            VdopX100 = other.VdopX100;
            SatellitesUsed = other.SatellitesUsed;
        }

        /// <summary>
        /// The UTC date and time of the fix, when both are known. A leap second (ss = 60) is
        /// reported as 59.999 because DateTime cannot hold it.
        /// </summary>
        public bool TryGetUtc(out DateTime utc)
        {
            if (!Has(GnssFields.Date | GnssFields.Time))
            {
                utc = DateTime.MinValue;
                return false;
            }

            if (Second > 59)
            {
                utc = new DateTime(Year, Month, Day, Hour, Minute, 59, 999);
            }
            else
            {
                utc = new DateTime(Year, Month, Day, Hour, Minute, Second, Millisecond);
            }

            return true;
        }
    }
}
