namespace RydBox.Gateway.Events.Processing;

/// <summary>What the processor keeps in memory per device: its tenant, where its detection stands, and its detectors built for the rules version they saw.</summary>
internal sealed class DeviceDetection(string tenantId, TimelineState state, DetectorSet detectors, long rulesVersion)
{
    public string TenantId { get; } = tenantId;

    public TimelineState State { get; set; } = state;

    public DetectorSet Detectors { get; set; } = detectors;

    public long RulesVersion { get; set; } = rulesVersion;

    /// <summary>Its state is in detector_state; if the row goes missing, the device's data was erased.</summary>
    public bool Persisted { get; set; }

    /// <summary>When (gateway time) its state was last written; <see cref="State"/> may have moved on since.</summary>
    public long SavedAtUnixMs { get; set; } = long.MinValue;

    /// <summary>Its state moved on since it was last written.</summary>
    public bool Dirty { get; set; }
}
