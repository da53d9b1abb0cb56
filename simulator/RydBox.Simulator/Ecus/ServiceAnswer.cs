namespace RydBox.Simulator.Ecus;

/// <summary>ISO 14229 negative response codes an OBD ECU gives a tester it cannot serve.</summary>
public enum NegativeResponseCode : byte
{
    ServiceNotSupported = 0x11,
    /// <summary>J1979's "sub-function not supported / invalid format": a request of the wrong length.</summary>
    SubFunctionNotSupported = 0x12,
    /// <summary>A PID or info type the ECU does not support.</summary>
    RequestOutOfRange = 0x31,
}

/// <summary>What one service handler decided: a positive payload, or a refusal.</summary>
internal readonly record struct ServiceAnswer(byte[]? Payload, NegativeResponseCode Refusal)
{
    public static ServiceAnswer Positive(byte[] payload) => new(payload, default);

    public static ServiceAnswer Refuse(NegativeResponseCode code) => new(null, code);
}
