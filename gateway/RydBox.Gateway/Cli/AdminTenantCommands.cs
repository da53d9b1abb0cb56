using System.CommandLine;
using System.Globalization;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>`tenants add|list|retention`.</summary>
internal static class AdminTenantCommands
{
    public static Command Create()
    {
        var shared = new AdminOptions();
        var command = new Command("tenants", "Tenants: the customers and partners whose devices and data are kept apart.");
        shared.AddTo(command);
        command.Subcommands.Add(Add(shared));
        command.Subcommands.Add(List(shared));
        command.Subcommands.Add(Retention(shared));
        return command;
    }

    private static Command Add(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The tenant id: 1 to 64 of A-Z a-z 0-9 - _ ." };
        var name = new Option<string>("--name") { Description = "A name people recognise.", Required = true };
        var retention = new Option<int?>("--retention-days") { Description = "Delete telemetry and events older than this many days; default: keep them." };
        var command = new Command("add", "Add a tenant (creates the database when there is none yet).") { id, name, retention };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: true, session =>
        {
            Tenant tenant = new TenantRegistry(session.Database).Add(parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(retention));
            if (session.Json)
            {
                session.WriteJson(tenant);
            }
            else
            {
                session.Out.WriteLine($"Tenant {tenant.Id} ({tenant.Name}) added; {Describe(tenant.RetentionDays)}.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command List(AdminOptions shared)
    {
        var command = new Command("list", "List the tenants.");
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<Tenant> tenants = new TenantRegistry(session.Database).List();
            if (session.Json)
            {
                session.WriteJson(tenants);
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "NAME", "RETENTION", "CREATED"],
                    tenants.Select(t => new[] { t.Id, t.Name, t.RetentionDays is { } days ? $"{days} d" : "forever", AdminSession.Time(t.Created) }),
                    "No tenants yet: add one with `tenants add <id> --name <name>`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Retention(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The tenant id." };
        var days = new Argument<string>("days") { Description = "Days of telemetry and events to keep, or \"none\" to keep them forever." };
        var command = new Command("retention", "Set how long a tenant's telemetry and events are kept.") { id, days };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            string text = parse.GetValue(days)!;
            int? retention;
            if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
            {
                retention = null;
            }
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                retention = value;
            }
            else
            {
                return session.Fail($"\"{text}\" is neither a number of days nor \"none\"");
            }

            Tenant tenant = new TenantRegistry(session.Database).SetRetention(parse.GetValue(id)!, retention);
            if (session.Json)
            {
                session.WriteJson(tenant);
            }
            else
            {
                session.Out.WriteLine($"Tenant {tenant.Id}: {Describe(tenant.RetentionDays)}.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static string Describe(int? retentionDays) =>
        retentionDays is { } days ? $"telemetry and events are kept {days} days" : "telemetry and events are kept forever";
}
