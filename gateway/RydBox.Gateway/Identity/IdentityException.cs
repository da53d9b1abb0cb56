namespace RydBox.Gateway.Identity;

/// <summary>Why an identity operation was refused; the CLI maps it to an exit code, the API to a status.</summary>
public enum IdentityError
{
    /// <summary>A malformed id, name, VIN, secret or number (CLI exit 1, HTTP 400).</summary>
    Invalid,

    /// <summary>No such tenant, device or API key (CLI exit 2, HTTP 404).</summary>
    NotFound,

    /// <summary>The id is taken already (CLI exit 1, HTTP 409).</summary>
    Duplicate,
}

/// <summary>A refused identity operation, with a message meant for the person who asked.</summary>
public sealed class IdentityException(IdentityError error, string message) : Exception(message)
{
    public IdentityError Error { get; } = error;

    internal static IdentityException Invalid(string message) => new(IdentityError.Invalid, message);

    internal static IdentityException NotFound(string message) => new(IdentityError.NotFound, message);

    internal static IdentityException Duplicate(string message) => new(IdentityError.Duplicate, message);
}
