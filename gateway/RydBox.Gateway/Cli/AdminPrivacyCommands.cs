using System.CommandLine;
using System.Globalization;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Privacy;

namespace RydBox.Gateway.Cli;

/// <summary>`devices erase` and `retention run`: data protection from the command line.</summary>
internal static class AdminPrivacyCommands
{
    /// <summary>`devices erase &lt;id&gt; [--delete-device] [--yes]`, added to the `devices` command whose --data-dir and --json it uses.</summary>
    public static Command Erase(Command devices)
    {
        Option<string?> dataDirectory = devices.Options.OfType<Option<string?>>().Single(o => o.Name == "--data-dir");
        Option<bool> json = devices.Options.OfType<Option<bool>>().Single(o => o.Name == "--json");
        var id = new Argument<string>("id") { Description = "The device id." };
        var deleteDevice = new Option<bool>("--delete-device")
        {
            Description = "Also delete the device itself and its credentials (its secret's hash and mosquitto hash), after revoking it.",
        };
        var yes = new Option<bool>("--yes", "-y")
        {
            Description = "Do not ask for confirmation. Required when input is not a terminal (scripts).",
        };
        var command = new Command(
            "erase",
            "Erase everything stored about a vehicle: telemetry (SQLite or InfluxDB), latest values, events, status, dead letters and its VIN. " +
            "The device stays unless --delete-device. Safe to run again, e.g. after it was interrupted.")
        {
            id, deleteDevice, yes,
        };
        command.SetAction(parse => AdminPrivacySession.Run(parse, dataDirectory, json, async session =>
        {
            string deviceId = parse.GetValue(id)!;
            bool delete = parse.GetValue(deleteDevice);
            Identity.IdentityRules.DeviceId(deviceId);
            if (!parse.GetValue(yes) && !Confirm(session, deviceId, delete))
            {
                return AdminSession.UsageError;
            }

            DeviceErasure erasure = await session.Eraser.EraseAsync(deviceId, delete, CancellationToken.None);
            if (erasure.NothingFound)
            {
                session.Error.WriteLine($"error: no device \"{deviceId}\", and nothing is stored under that id");
                return AdminSession.NotFound;
            }

            if (session.Json)
            {
                session.WriteJson(erasure);
            }
            else
            {
                PrintErasure(session, erasure);
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    /// <summary>`retention run`: one retention pass now.</summary>
    public static Command Retention()
    {
        var shared = new AdminOptions();
        var command = new Command("retention", "Retention: delete tenants' data older than their retention period (`tenants retention`). The running gateway does it every hour.");
        shared.AddTo(command);
        var run = new Command("run", "Run one retention pass now and print what it deleted.");
        run.SetAction(parse => AdminPrivacySession.Run(parse, shared.DataDirectory, shared.Json, async session =>
        {
            RetentionReport report = await session.Sweeper.RunAsync(CancellationToken.None);
            if (session.Json)
            {
                session.WriteJson(report);
            }
            else
            {
                PrintRetention(session, report);
            }

            foreach (TenantRetention failed in report.Tenants.Where(t => t.Error is not null))
            {
                session.Error.WriteLine($"error: tenant {failed.TenantId}: {failed.Error}");
            }

            return report.Failed ? AdminSession.UsageError : AdminSession.Ok;
        }));
        command.Subcommands.Add(run);
        return command;
    }

    /// <summary>Asks on the terminal for the device id; refuses outright when nobody can answer.</summary>
    private static bool Confirm(AdminPrivacySession session, string deviceId, bool deleteDevice)
    {
        TextWriter prompt = session.Error;
        if (Console.IsInputRedirected)
        {
            prompt.WriteLine("error: erasing cannot be undone and input is not a terminal, so nobody can confirm; add --yes to erase without asking");
            return false;
        }

        string? tenant = session.Eraser.TenantOf(deviceId);
        prompt.WriteLine(tenant is null
            ? $"There is no device \"{deviceId}\". Anything still stored under that id will be erased."
            : $"This erases everything stored about the vehicle of device {deviceId} (tenant {tenant}): telemetry, latest values, events, status, dead letters and its VIN.");
        if (deleteDevice && tenant is not null)
        {
            prompt.WriteLine("The device itself and its credentials are deleted too: the box can no longer log in.");
        }

        prompt.WriteLine("This cannot be undone.");
        prompt.Write($"Type the device id ({deviceId}) to confirm: ");
        prompt.Flush();
        string? answer = Console.In.ReadLine();
        if (!string.Equals(answer?.Trim(), deviceId, StringComparison.Ordinal))
        {
            prompt.WriteLine("Not confirmed; nothing was erased.");
            return false;
        }

        return true;
    }

    private static void PrintErasure(AdminPrivacySession session, DeviceErasure e)
    {
        TextWriter output = session.Out;
        output.WriteLine(e.DeviceKnown
            ? $"Erased the data of device {e.DeviceId} (tenant {e.TenantId}):"
            : $"No device \"{e.DeviceId}\", but data stored under that id was found and erased:");
        var rows = new List<(string What, string Erased)> { ("telemetry batches (SQLite)", Count(e.TelemetryBatches)) };
        if (e.OtherTelemetryStore is not null)
        {
            rows.Add(("telemetry in " + e.OtherTelemetryStore, "all samples (the store does not count them)"));
        }

        rows.Add(("latest values", Count(e.LatestValues)));
        rows.Add(("events", Count(e.BoxEvents)));
        rows.Add(("detected events and logbook rows", Count(e.DetectedEvents)));
        rows.Add(("status", Count(e.StatusRows)));
        rows.Add(("dead letters", Count(e.DeadLetters)));
        rows.Add(("ledger entries", e.LedgerDeleted
            ? $"{Count(e.LedgerEntries)} deleted"
            : $"{Count(e.LedgerEntries)} kept without their receive times, so a batch the box replays is not stored again"));
        if (e.VinCleared)
        {
            rows.Add(("VIN", "removed from the device"));
        }

        if (e.MosquittoHashes > 0)
        {
            rows.Add(("mosquitto hashes", Count(e.MosquittoHashes)));
        }

        int width = rows.Max(r => r.What.Length);
        foreach ((string what, string erased) in rows)
        {
            output.WriteLine($"  {what.PadRight(width)}  {erased}");
        }

        output.WriteLine();
        string cacheNote = $"a gateway running in another process refuses it within {session.Identity.CacheSeconds} s (RydBox:Identity:CacheSeconds)";
        if (e.DeviceDeleted)
        {
            output.WriteLine($"Device {e.DeviceId} and its credentials are deleted; {cacheNote}.");
            output.WriteLine($"If the box was still sending, run `devices erase {e.DeviceId}` again after that to remove what arrived meanwhile.");
        }
        else if (e.DeviceKnown)
        {
            output.WriteLine($"Device {e.DeviceId} stays and may keep sending: `devices revoke {e.DeviceId}` stops it, `--delete-device` removes it.");
        }

        if (session.Options.Broker.Mode == BrokerMode.External)
        {
            output.WriteLine($"An external broker may still hold the box's retained status (firmware, VIN); clear it with: mosquitto_pub -r -n -t rydbox/v1/{e.DeviceId}/status");
            if (e.DeviceDeleted)
            {
                output.WriteLine("Run `export-mosquitto` again and reload mosquitto (SIGHUP) so it refuses the deleted device.");
            }
        }
    }

    private static void PrintRetention(AdminPrivacySession session, RetentionReport report)
    {
        TextWriter output = session.Out;
        output.WriteLine($"Retention pass at {AdminSession.Time(report.At)}:");
        AdminTable.Write(
            output,
            ["TENANT", "KEEP", "DELETED BEFORE", "DEVICES", "TELEMETRY", "EVENTS", "LATEST", "DEAD LETTERS", "LEDGER", "STATE"],
            report.Tenants.Select(t => new[]
            {
                t.TenantId,
                $"{t.RetentionDays} d",
                AdminSession.Time(t.Cutoff),
                Count(t.Devices),
                Count(t.TelemetryBatches),
                Count(t.BoxEvents),
                Count(t.LatestValues),
                Count(t.DeadLetters),
                Count(t.LedgerEntries),
                t.Error is null ? "done" : "failed",
            }),
            "No tenant has a retention period, so nothing was deleted; set one with `tenants retention <tenant> <days>`.");
        if (report.Tenants.FirstOrDefault(t => t.OtherTelemetryStore is not null) is { } other)
        {
            output.WriteLine($"TELEMETRY counts batches in SQLite; the samples before each cutoff were also deleted from {other.OtherTelemetryStore}, which does not count them.");
        }

        if (report.KeptForever.Count > 0)
        {
            output.WriteLine($"Kept forever (no retention period): {string.Join(", ", report.KeptForever)}.");
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
