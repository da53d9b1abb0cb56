using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RydBox.Box.Host.Transports;

namespace RydBox.Box.Host.Run;

/// <summary>The `run` command: this computer becomes a box until Ctrl-C.</summary>
public static class RunCommand
{
    public const int UsageError = 1;

    public static Command Create()
    {
        var elm = new Option<string?>("--elm") { Description = "The ELM327 adapter: a serial device (/dev/ttyUSB0, /dev/rfcomm0) or tcp://host:port. Without it the box sends GNSS and events only." };
        var elmBaud = new Option<int?>("--elm-baud") { Description = "The adapter's serial bit rate; found automatically when omitted." };
        var gnss = new Option<string?>("--gnss") { Description = "The GNSS receiver's NMEA 0183 stream: a serial device (/dev/ttyACM0) or tcp://host:port (e.g. gpsd's NMEA port, a phone app)." };
        var gnssBaud = new Option<int>("--gnss-baud") { Description = "The GNSS receiver's serial bit rate.", DefaultValueFactory = _ => RunOptions.DefaultGnssBaudRate };
        var broker = new Option<string>("--broker") { Description = "mqtt://host:port, or mqtts://host:port for TLS.", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM or DER certificate of the CA that signed the broker's certificate (mqtts with a private CA)." };
        var mqtt5 = new Option<bool>("--mqtt5") { Description = "Speak MQTT 5 instead of 3.1.1." };
        var deviceId = new Option<string>("--device-id") { Description = "This box's device id (its MQTT user name), as the gateway issued it.", Required = true };
        var secret = new Option<string?>("--secret") { Description = $"The device secret. Prefer the {RunOptions.SecretVariable} environment variable: command lines are visible to other users." };
        var outbox = new Option<string?>("--outbox") { Description = "Directory of the persistent outbox; default $XDG_STATE_HOME/rydbox/<device-id> (~/.local/state/rydbox/<device-id>)." };
        var outboxSize = new Option<int?>("--outbox-bytes") { Description = "Outbox capacity in bytes; when full the oldest messages are dropped and the drop reported. Default 262144." };
        var command = new Command("run", "Run a box: sample the vehicle and GNSS, detect on-box events, keep everything in a persistent outbox and deliver it to an MQTT broker.")
        {
            elm, elmBaud, gnss, gnssBaud, broker, caFile, mqtt5, deviceId, secret, outbox, outboxSize,
        };

        command.SetAction(parse =>
        {
            string id = parse.GetValue(deviceId)!;
            string? key = parse.GetValue(secret) ?? Environment.GetEnvironmentVariable(RunOptions.SecretVariable);
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine($"error: no device secret: set {RunOptions.SecretVariable} or give --secret");
                return UsageError;
            }

            RunOptions options;
            try
            {
                options = new RunOptions(
                    parse.GetValue(elm), parse.GetValue(elmBaud), parse.GetValue(gnss), parse.GetValue(gnssBaud),
                    RunOptions.ParseBroker(parse.GetValue(broker)!), id, key, parse.GetValue(outbox) ?? RunOptions.DefaultOutboxDirectory(id))
                {
                    CaCertificateFile = parse.GetValue(caFile),
                    UseMqtt5 = parse.GetValue(mqtt5),
                    OutboxCapacityBytes = parse.GetValue(outboxSize),
                };
                if (options.Elm is not null)
                {
                    AdapterAddress.Parse(options.Elm);
                }

                if (options.Gnss is not null)
                {
                    AdapterAddress.Parse(options.Gnss);
                }
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return UsageError;
            }

            return Run(options);
        });
        return command;
    }

    private static int Run(RunOptions options)
    {
        // Log lines go to stderr so that stdout carries only the status lines.
        using ILoggerFactory logging = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(level => level >= LogLevel.Information));
        ILogger logger = logging.CreateLogger("rydbox-box");
        logger.LogInformation("Ctrl-C stops the box and keeps its outbox");

        using var box = new HostedBox(options, logger);
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Set();
        });

        box.Start();
        bool terminal = !Console.IsOutputRedirected;
        TimeSpan every = terminal ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(options.StatusEverySeconds);
        while (!stop.Wait(every))
        {
            string line = StatusLine.Describe(box);
            Console.Out.Write(terminal ? $"\r{line}\u001b[K" : line + Environment.NewLine);
            Console.Out.Flush();
        }

        // The last state before stopping stays on screen.
        Console.Out.Write(terminal ? $"\r{StatusLine.Describe(box)}\u001b[K{Environment.NewLine}" : StatusLine.Describe(box) + Environment.NewLine);
        logger.LogInformation("stopping: queuing the last samples and saying offline …");
        box.Stop();
        logger.LogInformation("stopped; {Count} messages wait in the outbox for the next run", box.Runtime.Outbox.Count);
        return 0;
    }
}
