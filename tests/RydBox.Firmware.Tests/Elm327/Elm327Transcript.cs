namespace RydBox.Firmware.Tests.Elm327;

/// <summary>Stretches of an initialisation transcript that every adapter conversation has.</summary>
internal static class Elm327Transcript
{
    /// <summary>Echo off, linefeeds off, spaces off, headers on, adaptive timing; "?" where the adapter refuses one.</summary>
    public static ScriptedAdapter ExpectSettings(
        this ScriptedAdapter adapter, string spacesOff = "OK", string adaptiveTiming = "OK", int delayMs = ScriptedAdapter.DefaultDelayMs)
    {
        return adapter
            .Expect("ATE0", "OK", delayMs)
            .Expect("ATL0", "OK", delayMs)
            .Expect("ATS0", spacesOff, delayMs)
            .Expect("ATH1", "OK", delayMs)
            .Expect("ATAT1", adaptiveTiming, delayMs);
    }

    /// <summary>ATI, AT@1 and the STN chips' STI, with what the adapter answers to each.</summary>
    public static ScriptedAdapter ExpectIdentity(
        this ScriptedAdapter adapter, string identity, string description = "?", string stnIdentity = "?", int delayMs = ScriptedAdapter.DefaultDelayMs)
    {
        return adapter
            .Expect("ATI", identity, delayMs)
            .Expect("AT@1", description, delayMs)
            .Expect("STI", stnIdentity, delayMs);
    }
}
