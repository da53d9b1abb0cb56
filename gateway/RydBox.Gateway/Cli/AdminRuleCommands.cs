using System.CommandLine;
using System.Globalization;
using RydBox.Gateway.Api;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Rules;

namespace RydBox.Gateway.Cli;

/// <summary>`geofences add|list|remove` and `curfews add|list|remove`.</summary>
internal static class AdminRuleCommands
{
    /// <summary>A running gateway reads the rules tables for changes this often (<see cref="VehicleRulesReader"/>).</summary>
    private static readonly string Noticed = $"A running gateway applies it within {VehicleRulesReader.DefaultExternalCheckInterval.TotalSeconds:0} s.";

    public static Command Geofences()
    {
        var shared = new AdminOptions();
        var command = new Command("geofences", "Geofences: circles and polygons whose entering and leaving raise events, for every vehicle of a tenant or one.");
        shared.AddTo(command);
        command.Subcommands.Add(AddGeofence(shared));
        command.Subcommands.Add(ListGeofences(shared));
        command.Subcommands.Add(RemoveGeofence(shared));
        return command;
    }

    public static Command Curfews()
    {
        var shared = new AdminOptions();
        var command = new Command("curfews", "Curfews: weekly windows in which driving raises an event, for every vehicle of a tenant or one.");
        shared.AddTo(command);
        command.Subcommands.Add(AddCurfew(shared));
        command.Subcommands.Add(ListCurfews(shared));
        command.Subcommands.Add(RemoveCurfew(shared));
        return command;
    }

    private static Option<string> Tenant() => new("--tenant") { Description = "The tenant the rule belongs to.", Required = true };

    private static Option<string?> Vehicle(string what) => new("--vehicle") { Description = what };

    private static (GeofenceRegistry Geofences, CurfewRegistry Curfews) Registries(AdminSession session)
    {
        // Its own reader: the version it moves is this process's; a running gateway sees the tables change.
        var reader = new VehicleRulesReader(session.Database);
        return (new GeofenceRegistry(session.Database, reader), new CurfewRegistry(session.Database, reader));
    }

    private static Command AddGeofence(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Option<string?> vehicle = Vehicle("The one vehicle (device id) it watches; default every vehicle of the tenant.");
        var name = new Option<string>("--name") { Description = "What people call the place (\"School\").", Required = true };
        var circle = new Option<string?>("--circle") { Description = "LAT,LON,RADIUS: centre in degrees and radius in metres, e.g. 52.52,13.405,150." };
        var polygon = new Option<string?>("--polygon") { Description = "\"LAT LON;LAT LON;LAT LON;…\": at least 3 vertices in degrees." };
        var command = new Command("add", "Add a geofence: a --circle or a --polygon.") { tenant, vehicle, name, circle, polygon };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            string? circleText = parse.GetValue(circle);
            string? polygonText = parse.GetValue(polygon);
            if (string.IsNullOrWhiteSpace(circleText) == string.IsNullOrWhiteSpace(polygonText))
            {
                return session.Fail("give either --circle LAT,LON,RADIUS or --polygon \"LAT LON;LAT LON;…\"");
            }

            string fenceName = parse.GetValue(name)!;
            Geofence? fence = string.IsNullOrWhiteSpace(circleText) ? Polygon(fenceName, polygonText!) : Circle(fenceName, circleText);
            if (fence is null)
            {
                return session.Fail(string.IsNullOrWhiteSpace(circleText)
                    ? $"--polygon \"{polygonText}\" is not \"LAT LON;LAT LON;…\" in degrees"
                    : $"--circle \"{circleText}\" is not LAT,LON,RADIUS (degrees, degrees, metres)");
            }

            GeofenceRule rule = Registries(session).Geofences.Add(parse.GetValue(tenant)!, parse.GetValue(vehicle), fence);
            if (session.Json)
            {
                AdminEventJson.Write(session, RuleEndpoints.View(rule));
            }
            else
            {
                session.Out.WriteLine($"Geofence {rule.Id} \"{rule.Fence.Name}\" added for {Scope(rule.TenantId, rule.DeviceId)}. {Noticed}");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command ListGeofences(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Option<string?> vehicle = Vehicle("Only those watching this vehicle: the tenant-wide ones and its own.");
        var command = new Command("list", "List a tenant's geofences.") { tenant, vehicle };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<GeofenceRule> rules = Registries(session).Geofences.List(parse.GetValue(tenant)!, parse.GetValue(vehicle));
            if (session.Json)
            {
                AdminEventJson.Write(session, rules.Select(RuleEndpoints.View).ToList());
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "NAME", "VEHICLE", "SHAPE", "CREATED"],
                    rules.Select(r => new[] { r.Id, r.Fence.Name, r.DeviceId ?? "(all)", Shape(r.Fence), AdminSession.Time(r.Created) }),
                    "No geofences: add one with `geofences add --tenant <tenant> --name <name> --circle LAT,LON,RADIUS`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command RemoveGeofence(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var id = new Argument<string>("id") { Description = "The geofence's id (gf_…), as `geofences list` shows it." };
        var command = new Command("remove", "Remove a geofence.") { id, tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
            Removed(session, Registries(session).Geofences.Remove(parse.GetValue(tenant)!, parse.GetValue(id)!), "geofence", parse.GetValue(id)!, parse.GetValue(tenant)!)));
        return command;
    }

    private static Command AddCurfew(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Option<string?> vehicle = Vehicle("The one vehicle (device id) it watches; default every vehicle of the tenant.");
        var name = new Option<string>("--name") { Description = "What the curfew is called (\"School nights\").", Required = true };
        var days = new Option<string>("--days") { Description = "Comma-separated days the window starts on: monday … sunday or mon … sun.", Required = true };
        var start = new Option<string>("--start") { Description = "Local start time, 24-hour HH:mm (22:00).", Required = true };
        var end = new Option<string>("--end") { Description = "Local end time, HH:mm; at or before the start runs past midnight (06:00).", Required = true };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA time zone of the times, e.g. Europe/Berlin.", Required = true };
        var command = new Command("add", "Add a curfew: driving inside the window raises an event.") { tenant, vehicle, name, days, start, end, timeZone };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            var window = new CurfewWindow(
                parse.GetValue(name)!,
                CurfewText.ParseDays(AdminWebhookCommands.Split(parse.GetValue(days))),
                CurfewText.ParseTime("--start", parse.GetValue(start)),
                CurfewText.ParseTime("--end", parse.GetValue(end)),
                parse.GetValue(timeZone)!);
            CurfewRule rule = Registries(session).Curfews.Add(parse.GetValue(tenant)!, parse.GetValue(vehicle), window);
            if (session.Json)
            {
                AdminEventJson.Write(session, RuleEndpoints.View(rule));
            }
            else
            {
                session.Out.WriteLine($"Curfew {rule.Id} \"{rule.Window.Name}\" added for {Scope(rule.TenantId, rule.DeviceId)}. {Noticed}");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command ListCurfews(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Option<string?> vehicle = Vehicle("Only those watching this vehicle: the tenant-wide ones and its own.");
        var command = new Command("list", "List a tenant's curfews.") { tenant, vehicle };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<CurfewRule> rules = Registries(session).Curfews.List(parse.GetValue(tenant)!, parse.GetValue(vehicle));
            if (session.Json)
            {
                AdminEventJson.Write(session, rules.Select(RuleEndpoints.View).ToList());
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "NAME", "VEHICLE", "DAYS", "FROM", "TO", "TIME ZONE", "CREATED"],
                    rules.Select(r => new[]
                    {
                        r.Id, r.Window.Name, r.DeviceId ?? "(all)", string.Join(",", r.Window.Days.Select(d => CurfewText.Name(d)[..3])),
                        CurfewText.Format(r.Window.Start), CurfewText.Format(r.Window.End), r.Window.TimeZoneId, AdminSession.Time(r.Created),
                    }),
                    "No curfews: add one with `curfews add --tenant <tenant> --name <name> --days fri,sat --start 22:00 --end 06:00 --time-zone Europe/Berlin`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command RemoveCurfew(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var id = new Argument<string>("id") { Description = "The curfew's id (cf_…), as `curfews list` shows it." };
        var command = new Command("remove", "Remove a curfew.") { id, tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
            Removed(session, Registries(session).Curfews.Remove(parse.GetValue(tenant)!, parse.GetValue(id)!), "curfew", parse.GetValue(id)!, parse.GetValue(tenant)!)));
        return command;
    }

    private static int Removed(AdminSession session, bool removed, string what, string id, string tenant)
    {
        if (!removed)
        {
            session.Error.WriteLine($"error: no {what} \"{id}\" in tenant \"{tenant}\"");
            return AdminSession.NotFound;
        }

        session.Out.WriteLine($"{char.ToUpperInvariant(what[0])}{what[1..]} {id} removed. {Noticed}");
        return AdminSession.Ok;
    }

    private static string Scope(string tenant, string? vehicle) => vehicle is null ? $"every vehicle of tenant {tenant}" : $"vehicle {vehicle} of tenant {tenant}";

    private static string Shape(Geofence fence) => fence.Shape == GeofenceShape.Circle
        ? string.Create(CultureInfo.InvariantCulture, $"circle {fence.Centre!.Latitude},{fence.Centre.Longitude} r {fence.RadiusMetres} m")
        : string.Create(CultureInfo.InvariantCulture, $"polygon of {fence.Vertices!.Count} vertices");

    private static Geofence? Circle(string name, string text)
    {
        double[]? parts = Numbers(text.Split(','));
        return parts is [double latitude, double longitude, double radius] ? Geofence.Circle("", name, new Place(latitude, longitude), radius) : null;
    }

    private static Geofence? Polygon(string name, string text)
    {
        var vertices = new List<Place>();
        foreach (string vertex in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Numbers(vertex.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is not [double latitude, double longitude])
            {
                return null;
            }

            vertices.Add(new Place(latitude, longitude));
        }

        return Geofence.Polygon("", name, vertices);
    }

    private static double[]? Numbers(string[] parts)
    {
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }
}
