namespace RydBox.Gateway.Api;

/// <summary>A query parameter the API cannot use; answered 400 problem+json naming the parameter and why.</summary>
public sealed class BadParameterException(string parameter, string reason) : Exception($"{parameter}: {reason}")
{
    public string Parameter { get; } = parameter;

    public string Reason { get; } = reason;
}
