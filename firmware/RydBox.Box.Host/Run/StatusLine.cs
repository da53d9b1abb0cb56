using System.Globalization;
using RydBox.Firmware.Box;

namespace RydBox.Box.Host.Run;

/// <summary>One line a person can follow: what the car does, what the box sends, what is waiting.</summary>
public static class StatusLine
{
    public static string Describe(HostedBox box)
    {
        BoxRuntime runtime = box.Runtime;
        var session = runtime.Session;
        string ignition = runtime.Events.Ignition.IsOn ? "ignition on" : "ignition off";
        string gnss = runtime.Gnss is null ? "no GNSS" : runtime.Events.GnssFix.HasFix ? "GNSS fix" : box.GnssConnected ? "GNSS no fix" : "GNSS unreachable";
        string broker = session.IsConnected ? "broker connected" : $"broker offline ({Shorten(session.LastError)})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss} {runtime.Sampler.State.ToString().ToLowerInvariant()} · {ignition} · {gnss} · "
            + $"{(box.AdapterConnected ? "adapter ok" : "adapter unreachable")} · {broker} · "
            + $"batches {runtime.BatchesQueued} events {runtime.EventsQueued} sent {session.Published} · "
            + $"waiting {runtime.Outbox.Count} ({runtime.Outbox.StoredBytes / 1024.0:0.0} KiB) · dropped {runtime.Outbox.DroppedSinceStart}");
    }

    private static string Shorten(string error) => error.Length == 0 ? "connecting" : error.Length > 40 ? error[..40] + "…" : error;
}
