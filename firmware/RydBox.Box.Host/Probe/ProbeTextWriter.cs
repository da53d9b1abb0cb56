using System.Globalization;

namespace RydBox.Box.Host.Probe;

/// <summary>Writes a probe report as aligned text for a person at a terminal.</summary>
public static class ProbeTextWriter
{
    public static void Write(ProbeReport report, TextWriter output)
    {
        string link = report.BaudRate is { } baud ? $"{report.Adapter} at {baud} baud" : report.Adapter;
        output.WriteLine($"RydBox probe: {link}");
        Field(output, "Adapter", report.Identity is null ? null : report.Description is null ? report.Identity : $"{report.Identity} ({report.Description})");
        Field(output, "Protocol", report.Protocol);
        Field(output, "Battery", report.BatteryVolts?.ToString("0.0 V", CultureInfo.InvariantCulture));
        Field(output, "VIN", report.Vin ?? (report.Problem is null ? "not reported" : null));
        if (report.CalibrationIds.Count > 0)
        {
            Field(output, "Cal. ids", string.Join(", ", report.CalibrationIds));
        }

        if (report.Problem is null)
        {
            Field(output, "DTCs", report.Dtcs.Count == 0 ? "none" : string.Join(", ", report.Dtcs.Select(d => $"{d.Code} ({d.Kind}, ECU {d.Ecu})")));
        }

        foreach (ProbeEcu ecu in report.Ecus)
        {
            output.WriteLine();
            output.WriteLine($"ECU {ecu.Id}: {ecu.SupportedPids.Count} supported PIDs: {string.Join(" ", ecu.SupportedPids)}");
            if (ecu.Readings.Count == 0)
            {
                continue;
            }

            int nameWidth = Math.Max(4, ecu.Readings.Max(r => r.Name.Length));
            output.WriteLine($"  PID  {"Name".PadRight(nameWidth)}  {"Value",12}  Unit");
            foreach (ProbeReading reading in ecu.Readings)
            {
                string value = reading.Value.ToString("0.###", CultureInfo.InvariantCulture);
                output.WriteLine($"  {reading.Pid,-3}  {reading.Name.PadRight(nameWidth)}  {value,12}  {reading.Unit}");
            }
        }

        if (report.Problem is { } problem)
        {
            output.WriteLine();
            output.WriteLine($"Problem: {problem.Message}");
            output.WriteLine($"Try:     {problem.Hint}");
        }
    }

    private static void Field(TextWriter output, string label, string? value)
    {
        if (value is not null)
        {
            output.WriteLine($"{label,-9} {value}");
        }
    }
}
