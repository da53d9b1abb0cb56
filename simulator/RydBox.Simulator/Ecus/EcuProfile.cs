namespace RydBox.Simulator.Ecus;

/// <summary>Who an ECU is on the bus and what it can tell a tester.</summary>
public sealed record EcuProfile
{
    /// <summary>Up to four letters, as mode 09 info type 0A gives it: "ECM", "TCM".</summary>
    public required string Acronym { get; init; }

    /// <summary>Up to fifteen characters: "EngineControl".</summary>
    public required string Name { get; init; }

    /// <summary>Where physical requests to it go (7E0).</summary>
    public required uint RequestId { get; init; }

    /// <summary>Where it answers (7E8).</summary>
    public required uint ResponseId { get; init; }

    public required IReadOnlyList<PidRow> Pids { get; init; }

    public required MonitorSupport Monitors { get; init; }

    /// <summary>The VIN, reported by the one ECU that holds it (mode 09 info type 02); null for the others.</summary>
    public string? Vin { get; init; }

    /// <summary>Calibration ids (mode 09 info type 04), up to 16 characters each.</summary>
    public IReadOnlyList<string> CalibrationIds { get; init; } = [];

    /// <summary>Block size this ECU asks of a tester sending it a multi-frame request; 0 = no further flow control.</summary>
    public byte FlowControlBlockSize { get; init; }

    /// <summary>STmin this ECU asks of a tester sending it a multi-frame request, coded as on the wire.</summary>
    public byte FlowControlSeparationTime { get; init; }
}
