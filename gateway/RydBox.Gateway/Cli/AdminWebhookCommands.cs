using System.CommandLine;
using RydBox.Gateway.Api;
using RydBox.Gateway.Events.Delivery;

namespace RydBox.Gateway.Cli;

/// <summary>`webhooks add|list|remove|rotate-secret|failures|retry`.</summary>
internal static class AdminWebhookCommands
{
    public static Command Create()
    {
        var shared = new AdminOptions();
        var command = new Command("webhooks", "Webhooks: detected events POSTed to a tenant's URL, signed with HMAC, retried with backoff.");
        shared.AddTo(command);
        command.Subcommands.Add(Add(shared));
        command.Subcommands.Add(List(shared));
        command.Subcommands.Add(Remove(shared));
        command.Subcommands.Add(RotateSecret(shared));
        command.Subcommands.Add(Failures(shared));
        command.Subcommands.Add(Retry(shared));
        return command;
    }

    private static Option<string> Tenant() => new("--tenant") { Description = "The tenant the webhook belongs to.", Required = true };

    private static Argument<string> Id() => new("id") { Description = "The webhook's id (wh_…), as `webhooks list` shows it." };

    private static WebhookRegistry Registry(AdminSession session) => new(session.Database, new WebhookSignal());

    private static Command Add(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var url = new Option<string>("--url") { Description = "Where to POST: an absolute http:// or https:// URL.", Required = true };
        var kinds = new Option<string?>("--kinds") { Description = "Comma-separated event kinds to send (trip, towing, geofence, speeding, curfew, dtc, low_battery, offline); default all." };
        var command = new Command("add", "Add a webhook and print its signing secret, once.") { tenant, url, kinds };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IssuedWebhook issued = Registry(session).Add(parse.GetValue(tenant)!, parse.GetValue(url)!, Split(parse.GetValue(kinds)));
            PrintIssued(session, issued, $"Webhook {issued.Webhook.Id} added for tenant {issued.Webhook.TenantId}: {issued.Webhook.Url} ({KindsText(issued.Webhook)}).");
            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command List(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var command = new Command("list", "List a tenant's webhooks (their secrets cannot be shown again).") { tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<Webhook> webhooks = Registry(session).List(parse.GetValue(tenant)!);
            if (session.Json)
            {
                AdminEventJson.Write(session, webhooks.Select(WebhookEndpoints.View).ToList());
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["ID", "URL", "KINDS", "STATE", "CREATED"],
                    webhooks.Select(w => new[] { w.Id, w.Url, KindsText(w), w.Enabled ? "enabled" : "paused", AdminSession.Time(w.Created) }),
                    "No webhooks: add one with `webhooks add --tenant <tenant> --url <url>`.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Remove(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Argument<string> id = Id();
        var command = new Command("remove", "Remove a webhook and all its deliveries, pending and failed ones too.") { id, tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            string webhookId = parse.GetValue(id)!;
            if (!Registry(session).Remove(parse.GetValue(tenant)!, webhookId))
            {
                return NotFound(session, $"no webhook \"{webhookId}\" in tenant \"{parse.GetValue(tenant)}\"");
            }

            session.Out.WriteLine($"Webhook {webhookId} removed with its deliveries.");
            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command RotateSecret(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        Argument<string> id = Id();
        var command = new Command("rotate-secret", "Give a webhook a new signing secret and print it, once; pending deliveries are signed with it too.") { id, tenant };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            string webhookId = parse.GetValue(id)!;
            if (Registry(session).RotateSecret(parse.GetValue(tenant)!, webhookId) is not { } issued)
            {
                return NotFound(session, $"no webhook \"{webhookId}\" in tenant \"{parse.GetValue(tenant)}\"");
            }

            PrintIssued(session, issued, $"Webhook {webhookId} has a new secret; the old one no longer verifies.");
            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Failures(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var limit = new Option<int>("--limit") { Description = "How many, newest first.", DefaultValueFactory = _ => 100 };
        var command = new Command("failures", "Deliveries that gave up after every attempt, newest first, with why.") { tenant, limit };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            IReadOnlyList<WebhookDelivery> failed = Registry(session).ListFailures(parse.GetValue(tenant)!, parse.GetValue(limit));
            if (session.Json)
            {
                AdminEventJson.Write(session, failed.Select(WebhookEndpoints.View).ToList());
            }
            else
            {
                AdminTable.Write(
                    session.Out,
                    ["DELIVERY", "WEBHOOK", "NOTIFICATION", "ATTEMPTS", "LAST ERROR", "UPDATED"],
                    failed.Select(d => new[] { d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.WebhookId, d.NotificationId, d.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), d.LastError, AdminSession.Time(d.Updated) }),
                    "No failed deliveries.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static Command Retry(AdminOptions shared)
    {
        Option<string> tenant = Tenant();
        var delivery = new Option<long>("--delivery") { Description = "The delivery's number, as `webhooks failures` shows it.", Required = true };
        var command = new Command("retry", "Send a delivery again: it becomes pending with its attempts from zero.") { tenant, delivery };
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            long deliveryId = parse.GetValue(delivery);
            if (Registry(session).Retry(parse.GetValue(tenant)!, deliveryId) is not { } retried)
            {
                return NotFound(session, $"no webhook delivery {deliveryId} in tenant \"{parse.GetValue(tenant)}\"");
            }

            if (session.Json)
            {
                AdminEventJson.Write(session, WebhookEndpoints.View(retried));
            }
            else
            {
                // The CLI cannot wake a running gateway's worker: it finds the row when it next looks (at most 30 s).
                session.Out.WriteLine($"Delivery {deliveryId} ({retried.NotificationId}) is pending again; a running gateway sends it within 30 s.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }

    private static void PrintIssued(AdminSession session, IssuedWebhook issued, string headline)
    {
        if (session.Json)
        {
            AdminEventJson.Write(session, WebhookEndpoints.View(issued));
            return;
        }

        session.Out.WriteLine(headline);
        session.Out.WriteLine();
        session.Out.WriteLine($"  secret: {issued.Secret}");
        session.Out.WriteLine();
        session.Out.WriteLine("It is shown only now. Receivers verify X-RydBox-Signature with it (see Events/Delivery/README.md).");
    }

    private static int NotFound(AdminSession session, string message)
    {
        session.Error.WriteLine($"error: {message}");
        return AdminSession.NotFound;
    }

    private static string KindsText(Webhook webhook) => webhook.Kinds.Count == 0 ? "all kinds" : string.Join(",", webhook.Kinds);

    internal static string[] Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
