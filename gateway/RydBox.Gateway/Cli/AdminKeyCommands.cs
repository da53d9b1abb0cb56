using System.CommandLine;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>`keys add|list|revoke`.</summary>
internal static class AdminKeyCommands
{
    public static Command Create()
    {
        var shared = new AdminOptions();
        var command = new Command("keys", "API keys: each lets a program read one tenant's data over the HTTP API.");
        shared.AddTo(command);
        command.Subcommands.Add(Add(shared));
        command.Subcommands.Add(List(shared));
        command.Subcommands.Add(Revoke(shared));
        return command;
    }

    private static Command Add(AdminOptions shared)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose data the key opens.", Required = true };
        var name = new Option<string?>("--name") { Description = "What the key is for (\"fleet dashboard\")." };
        var command = new Command("add", "Make an API key and print it, once: the gateway keeps only a hash of its secret.") { tenant, name };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IssuedApiKey issued = new ApiKeyRegistry(session.Database).Add(parse.GetValue(tenant)!, parse.GetValue(name));
            if (session.Json)
            {
                session.WriteJson(issued);
            }
            else
            {
                session.Out.WriteLine($"API key {issued.ApiKey.Id} made for tenant {issued.ApiKey.TenantId}:");
                session.Out.WriteLine();
                session.Out.WriteLine($"  {issued.Key}");
                session.Out.WriteLine();
                session.Out.WriteLine("It is shown only now: the gateway keeps just a hash of it. Revoke it with `keys revoke " + issued.ApiKey.Id + "`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command List(AdminOptions shared)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's keys." };
        var command = new Command("list", "List the API keys (ids and names; the keys themselves cannot be shown again).") { tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<ApiKey> keys = new ApiKeyRegistry(session.Database).List(parse.GetValue(tenant));
            if (session.Json)
            {
                session.WriteJson(keys);
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "TENANT", "NAME", "STATE", "CREATED"],
                    keys.Select(k => new[] { k.Id, k.TenantId, k.Name, k.Revoked ? "revoked" : "active", AdminSession.Time(k.Created) }),
                    "No API keys: make one with `keys add --tenant <tenant>`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Revoke(AdminOptions shared)
    {
        var id = new Argument<string>("id") { Description = "The key's id (or the whole key)." };
        var command = new Command("revoke", "Revoke an API key.") { id };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            ApiKey key = new ApiKeyRegistry(session.Database).Revoke(parse.GetValue(id)!);
            if (session.Json)
            {
                session.WriteJson(key);
            }
            else
            {
                session.Out.WriteLine($"API key {key.Id} of tenant {key.TenantId} revoked. A running gateway refuses it within {session.Identity.CacheSeconds} s (RydBox:Identity:CacheSeconds).");
            }

            return AdminSession.Ok;
        }));
        return command;
    }
}
