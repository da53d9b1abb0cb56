using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RydBox.Gateway.Cli;

/// <summary>`webhooks`, `geofences` and `curfews`: a tenant's event delivery and family-safety rules, on the data directory like `devices`.</summary>
public static class AdminEventCommands
{
    /// <summary>Exit codes as the other administration commands: 0 done, 1 usage or validation error, 2 not found.</summary>
    public static IEnumerable<Command> Create() =>
    [
        AdminWebhookCommands.Create(),
        AdminRuleCommands.Geofences(),
        AdminRuleCommands.Curfews(),
    ];
}

/// <summary>What these commands print with --json: the HTTP API's shapes, indented.</summary>
internal static class AdminEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write<T>(AdminSession session, T value) => session.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
