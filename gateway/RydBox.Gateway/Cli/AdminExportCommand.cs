using System.CommandLine;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>`export-mosquitto`: password and ACL files for an external mosquitto.</summary>
internal static class AdminExportCommand
{
    public static Command Create()
    {
        var shared = new AdminOptions();
        var passwords = new Option<string>("--passwords") { Description = "The mosquitto password_file to write (replaced whole).", Required = true };
        var acl = new Option<string>("--acl") { Description = "The mosquitto acl_file to write (replaced whole).", Required = true };
        var gatewayUser = new Option<string?>("--gateway-user") { Description = "The gateway's own account, allowed all of rydbox/. Default: RydBox:Broker:Username." };
        var gatewayPassword = new Option<string?>("--gateway-password") { Description = "Its password. Default: RydBox:Broker:Password (better than a command line, which other users can see)." };
        var command = new Command(
            "export-mosquitto",
            "Write mosquitto's password and ACL files from the devices: each device logs in with its id and secret, publishes only its own "
            + "telemetry, event, status and cmd/ack topics and reads only its own cmd topic. Export again after adding or revoking devices, then reload mosquitto (SIGHUP).")
        {
            passwords, acl, gatewayUser, gatewayPassword,
        };
        shared.AddTo(command);
        command.SetAction(parse => AdminSession.Run(parse, shared, create: false, session =>
        {
            string? user = parse.GetValue(gatewayUser) ?? session.Options.Broker.Username;
            string? password = parse.GetValue(gatewayPassword) ?? session.Options.Broker.Password;
            if (string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(parse.GetValue(gatewayPassword)))
            {
                return session.Fail("--gateway-password needs --gateway-user (or RydBox:Broker:Username)");
            }

            if (!string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password))
            {
                return session.Fail($"the gateway user \"{user}\" needs a password: --gateway-password or RydBox:Broker:Password");
            }

            MosquittoAccount? gateway = string.IsNullOrEmpty(user) ? null : new MosquittoAccount(user, password!);
            MosquittoExportResult result = MosquittoExport.Write(new DeviceRegistry(session.Database), parse.GetValue(passwords)!, parse.GetValue(acl)!, gateway);
            if (session.Json)
            {
                session.WriteJson(result);
            }
            else
            {
                session.Out.WriteLine($"Wrote {result.Devices.Count} device account(s){(gateway is null ? string.Empty : $" and the gateway account {gateway.UserName}")} to {result.PasswordFile}");
                session.Out.WriteLine($"and their topics to {result.AclFile}.");
                if (result.Revoked.Count > 0)
                {
                    session.Out.WriteLine($"Left out, revoked: {string.Join(", ", result.Revoked)}.");
                }

                session.Out.WriteLine("mosquitto.conf needs: allow_anonymous false, password_file and acl_file pointing at these files; reload with SIGHUP.");
            }

            if (gateway is null)
            {
                session.Error.WriteLine("warning: no gateway account exported (--gateway-user or RydBox:Broker:Username): the gateway cannot log in with these files alone.");
            }

            if (result.MissingHash.Count > 0)
            {
                session.Error.WriteLine($"warning: no mosquitto hash kept for {string.Join(", ", result.MissingHash)} (secret made before or elsewhere): left out; give each a new secret with `devices reissue <id>` and export again.");
            }

            return AdminSession.Ok;
        }));
        return command;
    }
}
