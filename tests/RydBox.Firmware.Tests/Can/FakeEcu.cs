using RydBox.Firmware.Obd;

namespace RydBox.Firmware.Tests.Can;

/// <summary>
/// A scripted ECU on the virtual bus, written independently of the firmware's ISO-TP code: it
/// reassembles the tester's requests (sending the flow control it is told to), answers with
/// scripted payloads, and paces its consecutive frames by the tester's flow control, recording it.
/// </summary>
public sealed class FakeEcu
{
    private readonly VirtualCanBus _bus;
    private readonly Queue<byte[]> _heldFrames = new();
    private readonly Queue<(byte[] Payload, int DelayMs)> _laterAnswers = new();
    private List<byte>? _request;
    private int _requestLength;
    private int _requestFramesInBlock;
    private long _lastAt;

    public FakeEcu(VirtualCanBus bus, uint responseId, bool extended)
    {
        _bus = bus;
        ResponseId = responseId;
        Extended = extended;
    }

    public uint ResponseId { get; }
    public bool Extended { get; }
    public uint PhysicalRequestId => ObdAddressing.PhysicalRequestFor(ResponseId);

    /// <summary>Answers to a complete request: payloads sent one after the other, each after its delay.</summary>
    public Func<byte[], IEnumerable<(byte[] Payload, int DelayMs)>> Answer { get; set; } = _ => [];

    /// <summary>Lets a test damage the frames of each answer before they go out.</summary>
    public Func<List<byte[]>, List<byte[]>> Mangle { get; set; } = frames => frames;

    /// <summary>Filler for this ECU's frames; null sends short frames.</summary>
    public byte? PadByte { get; set; } = 0x55;

    /// <summary>Gap between its consecutive frames when the tester asks for STmin 0.</summary>
    public int FrameGapMs { get; set; } = 1;

    /// <summary>Flow control this ECU sends for a segmented request.</summary>
    public byte RequestBlockSize { get; set; }
    public byte RequestSeparationTime { get; set; }
    public int RequestWaitFrames { get; set; }
    public bool RequestOverflow { get; set; }
    public bool SilentOnFirstFrame { get; set; }

    public List<byte[]> Requests { get; } = new();
    public List<BusFrame> FlowControlsReceived { get; } = new();
    public List<BusFrame> RequestConsecutiveFrames { get; } = new();
    public List<long> FramesSentAt { get; } = new();

    public void OnTesterFrame(BusFrame frame)
    {
        if (frame.IsExtended != Extended)
        {
            return;
        }

        bool functional = frame.Id == (Extended ? ObdAddressing.FunctionalRequest29Bit : ObdAddressing.FunctionalRequest11Bit);
        if (!functional && frame.Id != PhysicalRequestId)
        {
            return;
        }

        switch (frame.Data[0] >> 4)
        {
            case 0:
                Answered(frame.Data.Skip(1).Take(frame.Data[0] & 0x0F).ToArray());
                break;
            case 1:
                StartRequest(frame);
                break;
            case 2:
                ContinueRequest(frame);
                break;
            case 3:
                FlowControlsReceived.Add(frame);
                ReleaseBlock(frame.Data[1], frame.Data[2]);
                break;
        }
    }

    private void StartRequest(BusFrame frame)
    {
        _requestLength = ((frame.Data[0] & 0x0F) << 8) | frame.Data[1];
        _request = frame.Data.Skip(2).ToList();
        _requestFramesInBlock = 0;
        if (SilentOnFirstFrame)
        {
            return;
        }

        long at = _bus.Clock.NowMilliseconds + 1;
        for (int i = 0; i < RequestWaitFrames; i++)
        {
            SendRaw(at, [0x31, 0, 0]);
            at += 10;
        }

        SendRaw(at, RequestOverflow ? [0x32, 0, 0] : [0x30, RequestBlockSize, RequestSeparationTime]);
    }

    private void ContinueRequest(BusFrame frame)
    {
        RequestConsecutiveFrames.Add(frame);
        if (_request == null)
        {
            return;
        }

        _request.AddRange(frame.Data.Skip(1).Take(Math.Min(7, _requestLength - _request.Count)));
        if (_request.Count == _requestLength)
        {
            byte[] request = _request.ToArray();
            _request = null;
            Answered(request);
        }
        else if (RequestBlockSize != 0 && ++_requestFramesInBlock == RequestBlockSize)
        {
            _requestFramesInBlock = 0;
            SendRaw(_bus.Clock.NowMilliseconds + 1, [0x30, RequestBlockSize, RequestSeparationTime]);
        }
    }

    private void Answered(byte[] request)
    {
        Requests.Add(request);
        foreach (var answer in Answer(request))
        {
            _laterAnswers.Enqueue(answer);
        }

        SendNextAnswer(_bus.Clock.NowMilliseconds);
    }

    private void SendNextAnswer(long after)
    {
        if (_heldFrames.Count > 0 || !_laterAnswers.TryDequeue(out var answer))
        {
            return;
        }

        List<byte[]> frames = Mangle(Segment(answer.Payload));
        long at = after + answer.DelayMs;
        SendRaw(at, frames[0]);
        _lastAt = at;
        bool waitForFlowControl = frames[0][0] >> 4 == 1;
        foreach (byte[] frame in frames.Skip(1))
        {
            if (waitForFlowControl)
            {
                _heldFrames.Enqueue(frame);
            }
            else
            {
                _lastAt += FrameGapMs;
                SendRaw(_lastAt, frame);
            }
        }

        if (!waitForFlowControl)
        {
            SendNextAnswer(_lastAt);
        }
    }

    private void ReleaseBlock(byte blockSize, byte stMin)
    {
        int gap = Math.Max(FrameGapMs, stMin <= 0x7F ? stMin : 1);
        long at = _bus.Clock.NowMilliseconds;
        for (int i = 0; (blockSize == 0 || i < blockSize) && _heldFrames.Count > 0; i++)
        {
            at += gap;
            SendRaw(at, _heldFrames.Dequeue());
        }

        if (_heldFrames.Count == 0)
        {
            SendNextAnswer(at);
        }
    }

    private void SendRaw(long at, byte[] data)
    {
        byte[] frame = data;
        if (PadByte is byte pad && data.Length < 8)
        {
            frame = data.Concat(Enumerable.Repeat(pad, 8 - data.Length)).ToArray();
        }

        FramesSentAt.Add(at);
        _bus.Schedule(at, ResponseId, Extended, frame);
    }

    /// <summary>Plain ISO-TP segmentation, unpadded (padding is added when frames go out).</summary>
    public static List<byte[]> Segment(byte[] payload)
    {
        if (payload.Length <= 7)
        {
            return [[(byte)payload.Length, .. payload]];
        }

        List<byte[]> frames = [[(byte)(0x10 | (payload.Length >> 8)), (byte)payload.Length, .. payload.Take(6)]];
        int sequence = 1;
        for (int offset = 6; offset < payload.Length; offset += 7)
        {
            frames.Add([(byte)(0x20 | sequence), .. payload.Skip(offset).Take(7)]);
            sequence = (sequence + 1) & 0x0F;
        }

        return frames;
    }
}
