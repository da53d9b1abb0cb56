namespace RydBox.Simulator.Boxes;

/// <summary>Who a virtual box is and where it sends its data; the seed decides everything about its vehicle.</summary>
/// <param name="Broker">mqtt://host:port of the gateway's broker.</param>
public sealed record VirtualBoxSettings(string DeviceId, string Secret, Uri Broker, ObdPath Path, int Seed);
