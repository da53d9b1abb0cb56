using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Simulator.Ecus;

namespace RydBox.Simulator.Elm327;

internal enum ExchangeOutcome
{
    Answered,
    /// <summary>The request went out but nothing came back in time.</summary>
    NoData,
    /// <summary>No node acknowledged the request: nothing awake on the bus.</summary>
    NotAcknowledged,
    /// <summary>A character arrived from the client while waiting.</summary>
    Stopped,
}

/// <param name="SlowestGapMs">The longest wait for a frame (first answer or next frame), for adaptive timing to learn from.</param>
internal sealed record ExchangeResult(ExchangeOutcome Outcome, IReadOnlyList<ReceivedFrame> Frames, int SlowestGapMs);

/// <param name="TimeoutMs">How long to wait for the first frame and after each frame for another.</param>
/// <param name="ExpectedFrames">The request's response-count digit: stop as soon as this many frames came; 0 = wait out the timeout.</param>
internal sealed record ExchangeRules(Func<uint, bool> Accepts, int TimeoutMs, int ExpectedFrames, bool SendFlowControl);

/// <summary>
/// One request on the bus the way the ELM327 makes it: send, answer each ECU's first frame with
/// flow control (block size 0, STmin 0: "send everything"), and collect frames until the bus has
/// been quiet for the timeout or the expected number arrived, watching the client for interruptions.
/// </summary>
internal sealed class CanExchange(CanBusEndpoint endpoint, IClock clock)
{
    /// <summary>How often the client's input is looked at while the bus is quiet.</summary>
    private const int InterruptPollMs = 5;

    /// <summary>The ELM327 pads the frames it sends with zeros.</summary>
    private const byte PadByte = 0x00;

    private readonly CanFrame _received = new();
    private readonly CanFrame _flowControl = new();

    public ExchangeResult Run(CanFrame request, ExchangeRules rules, Func<bool> interrupted)
    {
        while (endpoint.Receive(_received, 0))
        {
            // late frames of an earlier request are not this one's answer
        }

        if (!endpoint.Transmit(request))
        {
            return new ExchangeResult(ExchangeOutcome.NotAcknowledged, [], 0);
        }

        var frames = new List<ReceivedFrame>();
        long lastActivity = clock.NowMilliseconds;
        int slowestGap = 0;
        while (rules.ExpectedFrames == 0 || frames.Count < rules.ExpectedFrames)
        {
            long quietUntil = lastActivity + rules.TimeoutMs;
            long now = clock.NowMilliseconds;
            if (now >= quietUntil)
            {
                break;
            }

            if (interrupted())
            {
                return new ExchangeResult(ExchangeOutcome.Stopped, frames, slowestGap);
            }

            if (!endpoint.Receive(_received, (int)Math.Min(quietUntil - now, InterruptPollMs))
                || _received.IsExtended != request.IsExtended || !rules.Accepts(_received.Id))
            {
                continue;
            }

            now = clock.NowMilliseconds;
            slowestGap = Math.Max(slowestGap, (int)(now - lastActivity));
            lastActivity = now;
            var frame = ReceivedFrame.Of(_received);
            frames.Add(frame);
            if (rules.SendFlowControl && frame.Kind == ReceivedFrame.FirstFrameKind)
            {
                IsoTpFrame.WriteFlowControl(_flowControl, IsoTpFrame.ContinueToSend, 0, 0, PadByte);
                _flowControl.Id = ObdAddressing.PhysicalRequestFor(frame.Id);
                _flowControl.IsExtended = frame.IsExtended;
                endpoint.Transmit(_flowControl);
            }
        }

        return new ExchangeResult(frames.Count > 0 ? ExchangeOutcome.Answered : ExchangeOutcome.NoData, frames, slowestGap);
    }
}
