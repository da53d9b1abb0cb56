using System.Globalization;
using RydBox.Box.Host.Transports;
using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;

namespace RydBox.Box.Host.Probe;

/// <summary>
/// Runs the probe: reach the adapter, find its baud rate, initialise it, then ask the vehicle
/// everything a person checking an installation wants to see. Every failure ends in a report
/// that names the problem and what to try, never in a stack trace.
/// </summary>
public static class AdapterProbe
{
    private static readonly (byte Service, string Kind)[] DtcServices =
        [(ObdService.StoredDtcs, "stored"), (ObdService.PendingDtcs, "pending"), (ObdService.PermanentDtcs, "permanent")];

    public static ProbeReport Run(ProbeOptions options, TextWriter progress)
    {
        var report = new ProbeReport { Adapter = options.Adapter };
        AdapterAddress address;
        try
        {
            address = AdapterAddress.Parse(options.Adapter);
        }
        catch (FormatException e)
        {
            report.Problem = new ProbeProblem(ProbeOutcome.UsageError, e.Message, "give --elm /dev/ttyUSB0 (serial) or --elm tcp://192.168.0.10:35000 (Wi-Fi)");
            return report;
        }

        try
        {
            progress.WriteLine($"Opening {address} …");
            using IDisposable stream = Open(address, options, out IByteStream link);
            Probe(report, address, options, link, stream as IBaudRateControl, progress);
        }
        catch (AdapterUnreachableException e)
        {
            report.Problem = new ProbeProblem(ProbeOutcome.AdapterUnreachable, e.Message, e.Hint);
        }
        catch (IOException e)
        {
            report.Problem = new ProbeProblem(ProbeOutcome.AdapterUnreachable, $"the link to the adapter broke: {e.Message}", "check the cable or Bluetooth/Wi-Fi connection and run the probe again");
        }

        return report;
    }

    private static IDisposable Open(AdapterAddress address, ProbeOptions options, out IByteStream link)
    {
        if (address.IsTcp)
        {
            var tcp = new TcpByteStream(address.Host!, address.Port, options.ConnectTimeout);
            link = tcp;
            return tcp;
        }

        var serial = new SerialByteStream(address.SerialPath!, options.BaudRate ?? Elm327BaudRates.Candidates[0]);
        link = serial;
        return serial;
    }

    /// <param name="baud">The serial port's bit rate control; null over TCP.</param>
    private static void Probe(ProbeReport report, AdapterAddress address, ProbeOptions options, IByteStream stream, IBaudRateControl? baud, TextWriter progress)
    {
        var link = new Elm327Link(stream, SystemClock.Instance);
        if (baud is not null)
        {
            if (options.BaudRate is null)
            {
                progress.WriteLine("Finding the adapter's baud rate …");
                int found = new Elm327BaudRateDetector(link, baud).Detect();
                if (found == 0)
                {
                    report.Problem = new ProbeProblem(
                        ProbeOutcome.AdapterSilent,
                        $"no ELM327 answered on {address} at any of {string.Join(", ", Elm327BaudRates.Candidates)} baud",
                        "is the adapter powered (plugged into the car's OBD-II port, which powers it on pin 16)? Is this the adapter's port? If it uses an unusual rate, give it with --baud");
                    return;
                }
            }

            report.BaudRate = baud.BaudRate;
        }

        progress.WriteLine("Initialising the adapter and searching for the vehicle's protocol (up to a minute) …");
        Elm327Info info = new Elm327Initializer(link).Initialize();
        report.Identity = NullIfEmpty(info.Identity);
        report.Description = NullIfEmpty(info.Description);
        report.BatteryVolts = info.BatteryMillivolts >= 0 ? info.BatteryMillivolts / 1000.0 : null;
        switch (info.Status)
        {
            case Elm327InitStatus.NoAdapter:
                report.Problem = new ProbeProblem(
                    ProbeOutcome.AdapterSilent,
                    baud is null ? $"connected to {address}, but nothing there answers like an ELM327" : $"no ELM327 answered on {address} at {baud.BaudRate} baud",
                    baud is null ? "check the port: Wi-Fi ELM327 adapters usually listen on 35000" : "leave out --baud to search the common rates, or check that the adapter is powered");
                return;
            case Elm327InitStatus.NoVehicle:
                report.Problem = new ProbeProblem(
                    ProbeOutcome.NoVehicle,
                    $"the adapter answers, but no vehicle does: {info.FailureReason}",
                    "switch the ignition on (engine running is best) and check that the adapter sits firmly in the OBD-II port");
                return;
            case Elm327InitStatus.Disconnected:
                throw new IOException(info.FailureReason);
        }

        report.Protocol = info.ProtocolName;
        var service = new ObdService(new Elm327Transport(link, info));
        ReadVehicle(report, service, progress);
    }

    private static void ReadVehicle(ProbeReport report, ObdService service, TextWriter progress)
    {
        progress.WriteLine("Asking the ECUs which PIDs they support …");
        ObdStatus discovery = service.DiscoverSupportedPids();
        if (discovery != ObdStatus.Ok)
        {
            report.Problem = new ProbeProblem(ProbeOutcome.NoVehicle, $"no ECU answered the supported-PIDs request ({discovery})", "switch the ignition on and run the probe again");
            return;
        }

        progress.WriteLine("Reading VIN, trouble codes and one value of every supported PID …");
        report.Vin = service.ReadVin();
        report.CalibrationIds.AddRange(service.ReadCalibrationIds());
        ReadDtcs(report, service);

        // One pass over every PID any ECU supports: requests are functional, so each ECU answers its own.
        byte[] anySupported = Enumerable.Range(1, 0xFF)
            .Where(p => (p & 0x1F) != 0 && service.Ecus.CountSupporting(p) > 0)
            .Select(p => (byte)p)
            .ToArray();
        var readings = new PidReadings(512);
        service.ReadPids(anySupported, anySupported.Length, readings);
        for (int e = 0; e < service.Ecus.Count; e++)
        {
            SupportedPids ecu = service.Ecus[e];
            var values = Enumerable.Range(0, readings.Count)
                .Where(i => readings.EcuIdAt(i) == ecu.EcuId)
                .Select(i => new ProbeReading(Hex(readings.PidAt(i)), readings.SignalAt(i).Name, readings.ValueAt(i), readings.SignalAt(i).Unit))
                .ToList();
            var supported = anySupported.Where(p => ecu.IsSupported(p)).Select(Hex).ToList();
            report.Ecus.Add(new ProbeEcu(EcuName(ecu.EcuId), supported, values));
        }
    }

    private static void ReadDtcs(ProbeReport report, ObdService service)
    {
        var codes = new TroubleCodes(128);
        foreach (var (serviceId, kind) in DtcServices)
        {
            service.ReadDtcs(serviceId, codes);
            for (int i = 0; i < codes.Count; i++)
            {
                report.Dtcs.Add(new ProbeDtc(codes.CodeAt(i), kind, EcuName(codes.EcuAt(i))));
            }
        }
    }

    private static string Hex(byte pid) => pid.ToString("X2", CultureInfo.InvariantCulture);

    private static string EcuName(uint id) => id.ToString(id > 0xFFF ? "X8" : "X3", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
