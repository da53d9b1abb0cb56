using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RydBox.Simulator.Elm327;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Simulator.Cli;

/// <summary>`elm327`: the ELM327 emulator alone, over TCP (like a Wi-Fi adapter) or a pseudo-terminal (like a USB one).</summary>
internal static class Elm327Command
{
    private const int UsageError = 2;
    private const int CannotListen = 1;

    public static Command Create()
    {
        var listen = new Option<string?>("--listen")
        {
            Description = "Serve over TCP at tcp://host:port, e.g. tcp://127.0.0.1:35000 (where Wi-Fi adapters listen); each client gets its own adapter.",
        };
        var pty = new Option<bool>("--pty") { Description = "Serve on a pseudo-terminal and print its /dev/pts path, for apps that open a serial port." };
        var seed = new Option<int>("--seed") { Description = "Seed of the vehicle served: its VIN, its roads and how it drives.", DefaultValueFactory = _ => 1 };
        var version = new Option<string>("--elm-version")
        {
            Description = "The version the adapter reports (ATZ, ATI): v1.5 like most adapters, or e.g. v2.1.",
            DefaultValueFactory = _ => new Elm327Options().Version,
        };
        var command = new Command("elm327", "Run the ELM327 emulator with a virtual vehicle behind it until Ctrl-C.") { listen, pty, seed, version };

        command.SetAction(async (parse, cancellation) =>
        {
            string? address = parse.GetValue(listen);
            string reportedVersion = parse.GetValue(version)!;
            if ((address is null) != parse.GetValue(pty))
            {
                return Fail(UsageError, "give either --listen tcp://host:port or --pty");
            }

            if (!Regex.IsMatch(reportedVersion, @"^v\d+\.\d+$"))
            {
                return Fail(UsageError, $"'{reportedVersion}' is not a version such as v1.5 or v2.1");
            }

            IPEndPoint? endpoint = null;
            try
            {
                endpoint = address is null ? null : ListenAddress.Parse(address);
            }
            catch (FormatException e)
            {
                return Fail(UsageError, e.Message);
            }

            var clock = new SimulationClock(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), speed: 1);
            ScenarioRun vehicle = EmulatedVehicle.Create(parse.GetValue(seed), clock);
            var options = new Elm327Options { Version = reportedVersion };
            var emulator = new Elm327Emulator(vehicle.Ecus, clock, options);
            using ILoggerFactory logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
            ILogger log = logging.CreateLogger("elm327");

            IDisposable server;
            string where;
            try
            {
                (server, where) = Start(emulator, endpoint, log);
            }
            catch (SocketException e)
            {
                return Fail(CannotListen, $"cannot listen on {address}: {e.Message}");
            }

            using (server)
            {
                Console.WriteLine($"{options.Identity} emulator listening on {where} (vehicle VIN {vehicle.Ecus.Identity.Vin}); Ctrl-C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C
                }
            }

            return 0;
        });
        return command;
    }

    private static (IDisposable Server, string Where) Start(Elm327Emulator emulator, IPEndPoint? endpoint, ILogger log)
    {
        if (endpoint is null)
        {
            var terminal = new Elm327PtyServer(emulator, log);
            return (terminal, terminal.Path);
        }

        var tcp = new Elm327TcpServer(emulator, endpoint, log);
        return (tcp, $"tcp://{tcp.LocalEndpoint}");
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"rydbox-sim elm327: {message}");
        return exitCode;
    }
}
