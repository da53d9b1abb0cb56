namespace RydBox.Testing.Brokers;

/// <summary>A user name and password a test broker accepts.</summary>
public sealed record BrokerAccount(string UserName, string Password);
