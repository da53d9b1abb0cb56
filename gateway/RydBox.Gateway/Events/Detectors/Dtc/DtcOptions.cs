namespace RydBox.Gateway.Events.Detectors.Dtc;

/// <summary>
/// Settings of <see cref="DtcDetector"/>; bound from configuration section <c>RydBox:Events:Dtc</c>.
/// It has none yet: the box already decides when a code appears or goes (comparing complete reads of
/// the stored codes), and the gateway only tells a code that is new from one it was told before.
/// </summary>
public sealed record DtcOptions;
