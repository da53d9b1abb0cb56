using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

internal static class FixInvariants
{
    /// <summary>Whatever was parsed, every known value must be physically possible.</summary>
    public static void ShouldBePlausible(this GnssFix fix, string because)
    {
        if (fix.Has(GnssFields.Position))
        {
            fix.LatitudeE7.Should().BeInRange(-900000000, 900000000, because);
            fix.LongitudeE7.Should().BeInRange(-1800000000, 1800000000, because);
        }

        if (fix.Has(GnssFields.Time))
        {
            fix.Hour.Should().BeInRange(0, 23, because);
            fix.Minute.Should().BeInRange(0, 59, because);
            fix.Second.Should().BeInRange(0, 60, because);
            fix.Millisecond.Should().BeInRange(0, 999, because);
        }

        if (fix.Has(GnssFields.Time | GnssFields.Date))
        {
            fix.TryGetUtc(out _).Should().BeTrue(because);
        }

        if (fix.Has(GnssFields.Course))
        {
            fix.CourseDegX100.Should().BeInRange(0, 35999, because);
        }

        if (fix.Has(GnssFields.Speed))
        {
            fix.SpeedKmhX100.Should().BeGreaterThanOrEqualTo(0, because);
        }

        if (fix.Has(GnssFields.FixMode))
        {
            fix.FixMode.Should().BeInRange(1, 3, because);
        }

        if (fix.Has(GnssFields.Hdop))
        {
            fix.HdopX100.Should().BeGreaterThanOrEqualTo(0, because);
        }
    }
}
