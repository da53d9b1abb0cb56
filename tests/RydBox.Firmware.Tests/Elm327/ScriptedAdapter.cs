using System.Text;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Elm327;

/// <summary>
/// A fake ELM327 on a byte stream that plays a transcript: each step names the command line it
/// expects and what the adapter prints after how many (virtual) milliseconds. It echoes commands
/// until ATE0 (or forever, like some clones), and fails the test on any command out of script.
/// </summary>
public sealed class ScriptedAdapter(ManualClock clock) : FakeSerialDevice(clock)
{
    private readonly Queue<Step> _steps = new();
    private readonly StringBuilder _line = new();

    /// <summary>Echo is on after power-up, as on every ELM327.</summary>
    public bool Echo { get; set; } = true;

    /// <summary>A clone quirk: keeps echoing after ATE0.</summary>
    public bool IgnoresEchoOff { get; init; }

    /// <summary>Lines end in CR LF until ATL0.</summary>
    public bool Linefeeds { get; set; } = true;

    public List<string> Received { get; } = new();

    public const int DefaultDelayMs = 20;

    public ScriptedAdapter Expect(string command, string response, int delayMs = DefaultDelayMs, bool prompt = true)
    {
        _steps.Enqueue(new Step(command, response, delayMs, prompt));
        return this;
    }

    /// <summary>The command gets no answer at all (no adapter, wrong baud, hung clone).</summary>
    public ScriptedAdapter Silent(string command) => Expect(command, "", 0, prompt: false);

    public int Remaining => _steps.Count;

    public void AssertDone() => _steps.Should().BeEmpty("every scripted command should have been sent");

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Broken)
        {
            throw new IOException("link lost");
        }

        for (int i = 0; i < count; i++)
        {
            char c = (char)buffer[offset + i];
            if (c != '\r')
            {
                _line.Append(c);
                continue;
            }

            Answer(_line.ToString());
            _line.Clear();
        }
    }

    private void Answer(string command)
    {
        Received.Add(command);
        if (_steps.Count == 0)
        {
            throw new Xunit.Sdk.XunitException($"unexpected command '{command}': script finished");
        }

        Step step = _steps.Dequeue();
        if (step.Command != command)
        {
            throw new Xunit.Sdk.XunitException($"unexpected command '{command}', expected '{step.Command}'");
        }

        if (!step.Prompt && step.Response.Length == 0)
        {
            return;
        }

        string text = (Echo ? command + "\r" : "") + step.Response + (step.Prompt ? "\r\r>" : "");
        if (Linefeeds)
        {
            text = text.Replace("\r", "\r\n");
        }

        Send(text.Select(c => (byte)c).ToArray(), step.DelayMs);
        if (command == "ATE0" && step.Response == "OK" && !IgnoresEchoOff)
        {
            Echo = false;
        }

        if (command == "ATL0" && step.Response == "OK")
        {
            Linefeeds = false;
        }

        if (command is "ATZ" or "ATWS" or "ATD" && step.Prompt)
        {
            Echo = true;
        }
    }

    private sealed record Step(string Command, string Response, int DelayMs, bool Prompt);
}
