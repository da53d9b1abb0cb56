using System.CommandLine;

namespace RydBox.Box.Host.Probe;

/// <summary>The `probe` command: one look at an adapter and the vehicle behind it.</summary>
public static class ProbeCommand
{
    public static Command Create()
    {
        var elm = new Option<string>("--elm")
        {
            Description = "The adapter: a serial device (/dev/ttyUSB0, /dev/rfcomm0, /dev/pts/3) or tcp://host:port for Wi-Fi adapters (usually tcp://192.168.0.10:35000).",
            Required = true,
        };
        var baud = new Option<int?>("--baud")
        {
            Description = "Serial bit rate; found automatically when omitted (38400, 9600, 115200, 57600, 230400, 500000 are tried).",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var command = new Command("probe", "Initialise an ELM327 adapter and print protocol, voltage, VIN, trouble codes, supported PIDs per ECU and one reading of each.")
        {
            elm,
            baud,
            json,
        };

        command.SetAction(parse =>
        {
            var options = new ProbeOptions(parse.GetValue(elm)!, parse.GetValue(baud));
            ProbeReport report = AdapterProbe.Run(options, Console.Error);
            if (parse.GetValue(json))
            {
                ProbeJsonWriter.Write(report, Console.Out);
            }
            else
            {
                ProbeTextWriter.Write(report, Console.Out);
            }

            return (int)(report.Problem?.Outcome ?? ProbeOutcome.Ok);
        });
        return command;
    }
}

public sealed record ProbeOptions(string Adapter, int? BaudRate)
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
