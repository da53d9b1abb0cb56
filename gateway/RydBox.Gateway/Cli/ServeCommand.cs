using System.CommandLine;
using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Cli;

/// <summary>`serve` (also what runs with no command): the gateway until Ctrl-C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the gateway: MQTT broker or client, ingest, storage and the HTTP API, until Ctrl-C.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            using WebApplication app = GatewayHost.Build([.. parse.UnmatchedTokens]);
            app.Run();
            return 0;
        });
        return command;
    }
}
