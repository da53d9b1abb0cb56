using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Cli;

/// <summary>The options every administration command has: where the data is and how to print.</summary>
internal sealed class AdminOptions
{
    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "The gateway's data directory (its SQLite database). Default: RydBox:DataDirectory from appsettings.json in the current directory or RydBox__DataDirectory, else \"rydbox-data\".",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for programs instead of tables.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(DataDirectory);
        command.Options.Add(Json);
    }
}

/// <summary>One run of an administration command: configuration, database, output, exit codes.</summary>
internal sealed class AdminSession
{
    public const int Ok = 0;
    public const int UsageError = 1;
    public const int NotFound = 2;

    private AdminSession(ParseResult parse, GatewayOptions options, IdentityOptions identity, GatewayDatabase database, bool json)
    {
        Options = options;
        Identity = identity;
        Database = database;
        Json = json;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
    }

    public GatewayOptions Options { get; }

    /// <summary>The running gateway's identity settings, as far as this configuration tells.</summary>
    public IdentityOptions Identity { get; }

    public GatewayDatabase Database { get; }

    public bool Json { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// Opens the database the running gateway uses and runs <paramref name="body"/>; refusals become
    /// "error: …" on stderr and exit 1 (invalid, duplicate) or 2 (not found).
    /// </summary>
    /// <param name="create">Make the database when missing (only `tenants add` does).</param>
    public static int Run(ParseResult parse, AdminOptions shared, bool create, Func<AdminSession, int> body) =>
        Run(parse, shared.DataDirectory, shared.Json, create, body);

    /// <inheritdoc cref="Run(ParseResult, AdminOptions, bool, Func{AdminSession, int})"/>
    public static int Run(ParseResult parse, Option<string?> dataDirectoryOption, Option<bool> jsonOption, bool create, Func<AdminSession, int> body)
    {
        TextWriter error = parse.InvocationConfiguration.Error;
        (GatewayOptions options, IdentityOptions identity) = AdminConfiguration.Load();
        string? dataDirectory = parse.GetValue(dataDirectoryOption);
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            options.DataDirectory = dataDirectory;
        }

        string path = Path.GetFullPath(options.DatabasePath);
        if (!create && !File.Exists(path))
        {
            error.WriteLine($"error: no gateway database at {path}; give --data-dir (or set RydBox__DataDirectory), or start with `tenants add`");
            return NotFound;
        }

        try
        {
            var session = new AdminSession(parse, options, identity, new GatewayDatabase(path), parse.GetValue(jsonOption));
            return body(session);
        }
        catch (IdentityException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.Error == IdentityError.NotFound ? NotFound : UsageError;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A database from a newer gateway, a locked or unreadable file, an export path that cannot be written.
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }

    public int Fail(string message)
    {
        Error.WriteLine($"error: {message}");
        return UsageError;
    }

    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, typeof(T), AdminJson.Default));
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
