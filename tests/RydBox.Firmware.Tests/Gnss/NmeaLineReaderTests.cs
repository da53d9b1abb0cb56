using RydBox.Firmware.Gnss;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Gnss;

public class NmeaLineReaderTests
{
    private readonly ManualClock _clock = new();
    private readonly ScriptedByteStream _stream;
    private readonly NmeaLineReader _reader;

    public NmeaLineReaderTests()
    {
        _stream = new ScriptedByteStream(_clock);
        _reader = new NmeaLineReader(_stream, _clock);
    }

    private string CurrentLine() => System.Text.Encoding.Latin1.GetString(_reader.Line, 0, _reader.LineLength);

    private List<string> ReadAll()
    {
        var lines = new List<string>();
        while (_reader.TryReadLine(100))
        {
            lines.Add(CurrentLine());
        }

        return lines;
    }

    [Fact]
    public void A_zero_timeout_still_takes_what_has_arrived_when_the_clock_moves_before_the_first_look()
    {
        // A simulated clock racing ahead (or a busy box preempted) passes "now + 0" before the read.
        var reader = new NmeaLineReader(_stream, new RacingClock());
        _stream.Enqueue(RealSentences.All[0] + "\r\n");

        reader.TryReadLine(0).Should().BeTrue();
        System.Text.Encoding.Latin1.GetString(reader.Line, 0, reader.LineLength).Should().Be(RealSentences.All[0]);
        reader.TryReadLine(0).Should().BeFalse("nothing more has arrived");
    }

    /// <summary>A clock that has moved on by a millisecond every time it is looked at.</summary>
    private sealed class RacingClock : RydBox.Firmware.Hardware.IClock
    {
        private long _now;

        public long NowMilliseconds => ++_now;
    }

    [Fact]
    public void Lines_split_across_random_chunks_come_out_whole()
    {
        string text = string.Concat(RealSentences.All.Select(s => s + "\r\n"));
        var random = new Random(3);
        for (int at = 0; at < text.Length;)
        {
            int size = Math.Min(random.Next(1, 90), text.Length - at);
            _stream.Enqueue(text.Substring(at, size));
            at += size;
        }

        ReadAll().Should().Equal(RealSentences.All);
        _reader.LinesRead.Should().Be(RealSentences.All.Length);
        _reader.SkippedBytes.Should().Be(0);
    }

    [Fact]
    public void Garbage_between_lines_is_skipped_and_counted()
    {
        _stream.Enqueue("\0\xff\xb5\x62noise" + RealSentences.All[0] + "\r\n##" + RealSentences.All[1] + "\r\n\r\n");
        ReadAll().Should().Equal(RealSentences.All[0], RealSentences.All[1]);
        _reader.SkippedBytes.Should().Be(11);
    }

    [Fact]
    public void A_line_cut_off_by_a_new_dollar_is_abandoned()
    {
        _stream.Enqueue("$GPGGA,0927" + RealSentences.All[2] + "\r\n");
        ReadAll().Should().Equal(RealSentences.All[2]);
        _reader.InterruptedLines.Should().Be(1);
    }

    [Fact]
    public void Overlong_lines_are_dropped_whole_and_counted()
    {
        var reader = new NmeaLineReader(_stream, _clock, 20);
        _stream.Enqueue("$GPGGA,092725.00,4717.11399,N\r\n$GPTXT,short\r\n$GPGSV,this one is far too long too\n$12345678901234567890\n");
        var lines = new List<string>();
        while (reader.TryReadLine(100))
        {
            lines.Add(System.Text.Encoding.Latin1.GetString(reader.Line, 0, reader.LineLength));
        }

        lines.Should().Equal("$GPTXT,short");
        reader.OverlongLines.Should().Be(3);
        reader.SkippedBytes.Should().Be(0);
    }

    [Fact]
    public void Either_CR_or_LF_alone_ends_a_line()
    {
        _stream.Enqueue(RealSentences.All[0] + "\n" + RealSentences.All[1] + "\r" + RealSentences.All[2] + "\n\r");
        ReadAll().Should().Equal(RealSentences.All[0], RealSentences.All[1], RealSentences.All[2]);
    }

    [Fact]
    public void A_partial_line_survives_a_timeout_and_is_completed_later()
    {
        string line = RealSentences.All[3];
        _stream.Enqueue(line.Substring(0, 20));
        _reader.TryReadLine(50).Should().BeFalse();
        _clock.NowMilliseconds.Should().Be(50, "the reader waited its whole timeout on the stream");

        _stream.Enqueue(line.Substring(20) + "\r\n");
        _reader.TryReadLine(50).Should().BeTrue();
        CurrentLine().Should().Be(line);
    }

    [Fact]
    public void The_timeout_bounds_the_whole_call_even_while_garbage_keeps_arriving()
    {
        _stream.MillisecondsPerChunk = 10;
        for (int i = 0; i < 100; i++)
        {
            _stream.Enqueue("\x55\xaa");
        }

        _reader.TryReadLine(100).Should().BeFalse();
        _clock.NowMilliseconds.Should().BeInRange(100, 110);
        _reader.SkippedBytes.Should().BeLessThan(30);
    }

    [Fact]
    public void A_broken_link_ends_reading_without_an_exception()
    {
        _stream.Enqueue(RealSentences.All[0] + "\r\n");
        _stream.Broken = true;
        _reader.TryReadLine(100).Should().BeTrue();
        _reader.IsDisconnected.Should().BeFalse();

        _reader.TryReadLine(100).Should().BeFalse();
        _reader.IsDisconnected.Should().BeTrue();
    }

    [Fact]
    public void Reading_and_parsing_a_stream_allocates_nothing_per_line()
    {
        var parser = new NmeaParser();
        var fix = new GnssFix();
        byte[] epoch = NmeaText.Bytes(string.Concat(RealSentences.All.Select(s => s + "\r\n")));
        for (int i = 0; i < 50; i++)
        {
            _stream.Enqueue(epoch);
        }

        _reader.TryReadLine(100).Should().BeTrue();
        parser.Parse(_reader.Line, 0, _reader.LineLength, fix);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ok = 0;
        while (_reader.TryReadLine(100))
        {
            if (parser.Parse(_reader.Line, 0, _reader.LineLength, fix) == NmeaResult.Ok)
            {
                ok++;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ok.Should().Be(50 * RealSentences.All.Length - 1);
        allocated.Should().Be(0);
    }
}
