using RydBox.Firmware.Obd;

namespace RydBox.Benchmarks;

/// <summary>
/// The baseline the polling benchmark compares against: the same adapter, driven the way most OBD
/// software does it, one PID per request, optionally without telling the adapter how many answers
/// to expect (then it waits out its timeout after the last one).
/// </summary>
public sealed class SinglePidTransport(IObdTransport inner, bool tellExpectedResponses) : IObdTransport
{
    public string ProtocolName => inner.ProtocolName;

    public bool IsCan => inner.IsCan;

    public int MaxPidsPerRequest => 1;

    public void Request(uint targetEcu, byte[] request, int length, int expectedResponses, ObdResponseSet responses) =>
        inner.Request(targetEcu, request, length, tellExpectedResponses ? expectedResponses : 0, responses);
}
