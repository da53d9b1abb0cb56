using System.CommandLine;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>`devices add|add-many|list|revoke|reissue`.</summary>
internal static class AdminDeviceCommands
{
    public static Command Create()
    {
        var shared = new AdminOptions();
        var command = new Command("devices", "Devices: the boxes, each belonging to one tenant and logging in with its own secret.");
        shared.AddTo(command);
        command.Subcommands.Add(Add(shared));
        command.Subcommands.Add(AddMany(shared));
        command.Subcommands.Add(List(shared));
        command.Subcommands.Add(Revoke(shared));
        command.Subcommands.Add(Reissue(shared));
        return command;
    }

    private static Command Add(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The device id, also its MQTT client id and user name: 1 to 64 of A-Z a-z 0-9 - _ ." };
        var tenant = new Option<string>("--tenant") { Description = "The tenant the device belongs to.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name people recognise (\"Van 7\")." };
        var vin = new Option<string?>("--vin") { Description = "The vehicle's VIN, when known." };
        var secret = new Option<string?>("--secret") { Description = "Use this secret (a box flashed already) instead of a new random one. Command lines are visible to other users." };
        var command = new Command("add", "Add a device and print its secret, once: the gateway keeps only a hash of it.") { id, tenant, name, vin, secret };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IssuedDevice issued = new DeviceRegistry(session.Database).Add(
                parse.GetValue(id)!, parse.GetValue(tenant)!, parse.GetValue(name), parse.GetValue(vin), parse.GetValue(secret));
            PrintIssued(session, issued, $"Device {issued.Device.Id} added to tenant {issued.Device.TenantId}.");
            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command AddMany(AdminOptions shared)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant the devices belong to.", Required = true };
        var count = new Option<int>("--count") { Description = "How many devices (1 to 100,000).", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "Their ids: the prefix and a number of five digits or more.", DefaultValueFactory = _ => "box-" };
        var first = new Option<int>("--first") { Description = "The first number.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Where to write the 'device-id,secret' lines (a new file, readable by its owner only): the devices file of `rydbox-sim fleet`.", Required = true };
        var command = new Command("add-many", "Add many devices with random secrets, written to a file for a simulated fleet or for flashing boxes.") { tenant, count, prefix, first, output };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            int devices = parse.GetValue(count);
            if (devices is < 1 or > 100_000)
            {
                throw IdentityException.Invalid($"--count {devices}: between 1 and 100,000");
            }

            string path = parse.GetValue(output)!;
            string tenantId = parse.GetValue(tenant)!;
            string[] ids = Enumerable.Range(parse.GetValue(first), devices).Select(n => $"{parse.GetValue(prefix)}{n:D5}").ToArray();
            var registry = new DeviceRegistry(session.Database);
            if (ids.FirstOrDefault(id => registry.Find(id) is not null) is string taken)
            {
                throw IdentityException.Duplicate($"device \"{taken}\" exists already; choose another --prefix or --first");
            }

            // A new file only: secrets someone keeps are never overwritten.
            if (File.Exists(path))
            {
                throw IdentityException.Invalid($"{path} exists already: the secrets go into a new file");
            }

            // The first alone: an unknown tenant or a bad prefix is one clear error, not thousands.
            string?[] lines = new string?[ids.Length];
            lines[0] = Line(registry.Add(ids[0], tenantId));
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(new FileStream(path, create));
            writer.WriteLine($"# devices of tenant {tenantId}: device-id,secret");
            int done = 1;
            try
            {
                // Hashing a secret (PBKDF2) is the slow part: one per core.
                Parallel.For(1, ids.Length, i =>
                {
                    lines[i] = Line(registry.Add(ids[i], tenantId));
                    int now = Interlocked.Increment(ref done);
                    if (now % Math.Max(1, ids.Length / 10) == 0 && now < ids.Length)
                    {
                        session.Error.WriteLine($"{now:N0} of {ids.Length:N0} devices added");
                    }
                });
            }
            catch (AggregateException e) when (e.InnerException is IdentityException failure)
            {
                throw failure;
            }
            finally
            {
                // Whatever was added, its secret is kept.
                foreach (string? line in lines.Where(l => l is not null))
                {
                    writer.WriteLine(line);
                }
            }

            session.Out.WriteLine($"{ids.Length:N0} devices added to tenant {tenantId} ({ids[0]} to {ids[^1]}); their secrets are in {path}, nowhere else.");
            return AdminSession.Ok;
        }));
        return command;

        static string Line(IssuedDevice issued) => $"{issued.Device.Id},{issued.Secret}";
    }

    private static Command List(AdminOptions shared)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's devices." };
        var command = new Command("list", "List the devices.") { tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<Device> devices = new DeviceRegistry(session.Database).List(parse.GetValue(tenant));
            if (session.Json)
            {
                session.WriteJson(devices);
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "TENANT", "NAME", "VIN", "STATE", "CREATED"],
                    devices.Select(d => new[] { d.Id, d.TenantId, d.Name, d.Vin, d.Revoked ? "revoked" : "active", AdminSession.Time(d.Created) }),
                    "No devices: add one with `devices add <id> --tenant <tenant>`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Revoke(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The device id." };
        var command = new Command("revoke", "Revoke a device: it can no longer log in or deliver data; what it sent stays.") { id };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            Device device = new DeviceRegistry(session.Database).Revoke(parse.GetValue(id)!);
            if (session.Json)
            {
                session.WriteJson(device);
            }
            else
            {
                session.Out.WriteLine($"Device {device.Id} revoked. A running gateway refuses it within {session.Identity.CacheSeconds} s (RydBox:Identity:CacheSeconds);");
                session.Out.WriteLine("with an external mosquitto, run `export-mosquitto` again and reload mosquitto (SIGHUP).");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Reissue(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The device id." };
        var secret = new Option<string?>("--secret") { Description = "Use this secret instead of a new random one." };
        var command = new Command("reissue", "Give a device a new secret and print it once; the old one stops working.") { id, secret };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IssuedDevice issued = new DeviceRegistry(session.Database).Reissue(parse.GetValue(id)!, parse.GetValue(secret));
            PrintIssued(session, issued, $"Device {issued.Device.Id} has a new secret; the old one no longer works.");
            return AdminSession.Ok;
        }));
        return command;
    }

    private static void PrintIssued(AdminSession session, IssuedDevice issued, string headline)
    {
        if (session.Json)
        {
            session.WriteJson(issued);
            return;
        }

        BrokerOptions broker = session.Options.Broker;
        string brokerUrl = broker.Mode == BrokerMode.External
            ? "mqtt://<broker-host>:1883"
            : broker.CertificateFile is null ? $"mqtt://<gateway-host>:{broker.Port}" : $"mqtts://<gateway-host>:{broker.TlsPort}";
        TextWriter output = session.Out;
        output.WriteLine(headline);
        output.WriteLine();
        output.WriteLine($"  device id: {issued.Device.Id}");
        output.WriteLine($"  secret:    {issued.Secret}");
        output.WriteLine();
        output.WriteLine("The secret is shown only now: the gateway keeps just a hash of it. Provision the box with:");
        output.WriteLine();
        output.WriteLine($"  RYDBOX_DEVICE_SECRET={ShellQuote(issued.Secret)} rydbox-box run --device-id {issued.Device.Id} --broker {brokerUrl} [--elm …] [--gnss …]");
        if (broker.Mode == BrokerMode.External)
        {
            output.WriteLine();
            output.WriteLine("With an external mosquitto, run `export-mosquitto` again and reload mosquitto (SIGHUP).");
        }
    }

    private static string ShellQuote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '+' or '=')
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
