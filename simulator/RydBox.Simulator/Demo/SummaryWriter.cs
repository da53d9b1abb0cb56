using System.Globalization;
using RydBox.Gateway.Events.Model;

namespace RydBox.Simulator.Demo;

/// <summary>Prints the demo's summary and the ways to explore what it stored.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, DemoSummary summary, DemoGateway gateway, string apiKey, string truthFile, Exception? failure)
    {
        string api = gateway.ApiAddress.ToString().TrimEnd('/');
        string events = summary.BoxEventsStored.Count == 0 ? "none" : string.Join(", ", summary.BoxEventsStored.Select(e => $"{e.Key} {e.Value}"));
        string stored = summary.SamplesStored == summary.SamplesMade && summary.MessagesWaiting == 0
            ? "nothing lost, nothing stored twice"
            : $"{summary.SamplesMade - summary.SamplesStored:N0} missing, {summary.MessagesWaiting:N0} messages still on the boxes";
        output.WriteLine();
        output.WriteLine("== Summary ==");
        Line(output, "vehicles", $"{summary.Vehicles} ({summary.VehiclesWithData} sent data)");
        Line(output, "samples", $"{summary.SamplesMade:N0} taken by the boxes, {summary.SamplesStored:N0} stored by the gateway in {summary.BatchesStored:N0} batches: {stored}");
        Line(output, "trips driven", $"{summary.Trips} ({summary.TripKilometres:N1} km); in the gateway's logbook: {summary.TripsDetected} ({summary.TripKilometresDetected:N1} km)");
        Line(output, "towing episodes", $"{summary.TowingEpisodes}; towing alerts by the gateway: {summary.EventsDetected.GetValueOrDefault(EventKinds.Towing)}, tow alarms from the boxes: {summary.BoxEventsStored.GetValueOrDefault("TowAlarmStarted")}");
        Line(output, "outages survived", $"{summary.Outages} (the boxes kept sampling, stored the messages and delivered them afterwards)");
        Line(output, "box events stored", events);
        Line(output, "events detected", summary.EventsDetected.Count == 0 ? "none" : string.Join(", ", summary.EventsDetected.Select(e => $"{e.Key} {e.Value}")));
        Line(output, "dead letters", summary.DeadLetters.ToString(CultureInfo.InvariantCulture));
        if (failure is not null)
        {
            Line(output, "FAILED", $"a virtual box stopped sampling: {failure.Message}");
        }

        output.WriteLine();
        output.WriteLine("== Explore ==");
        output.WriteLine($"API key of tenant '{DemoGateway.TenantId}': {apiKey}");
        output.WriteLine($"  curl -H 'Authorization: Bearer {apiKey}' {api}/api/v1/vehicles");
        output.WriteLine($"  curl -H 'Authorization: Bearer {apiKey}' {api}/api/v1/vehicles/demo-001/latest");
        output.WriteLine($"  curl -H 'Authorization: Bearer {apiKey}' {api}/api/v1/vehicles/demo-001/trips");
        output.WriteLine($"  curl -H 'Authorization: Bearer {apiKey}' '{api}/api/v1/events?kind=towing&from=0'");
        output.WriteLine($"  OpenAPI: {api}/openapi/v1.json   health: {api}/health   metrics: {api}/metrics");
        output.WriteLine($"  export RYDBOX_API_KEY={apiKey}");
        output.WriteLine($"  dotnet run --project gateway/RydBox.Gateway -- query vehicles --url {api}");
        output.WriteLine($"  dotnet run --project gateway/RydBox.Gateway -- query events demo-003 --url {api} --from 0");
        output.WriteLine($"  dotnet run --project gateway/RydBox.Gateway -- query logbook trips demo-001 --url {api} --format csv");
        output.WriteLine($"  dotnet run --project gateway/RydBox.Gateway -- query vehicle-events --url {api} --from 0");
        output.WriteLine($"  dotnet run --project gateway/RydBox.Gateway -- query telemetry demo-001 --url {api} --from 0 --every 5m --fields vehicle_speed,engine_rpm");
        output.WriteLine($"Ground truth (what really happened, per vehicle): {truthFile}");
        output.WriteLine($"Later, serve the same data again: dotnet run --project gateway/RydBox.Gateway -- --RydBox:DataDirectory={gateway.DataDirectory}");
    }

    private static void Line(TextWriter output, string label, string text) => output.WriteLine($"  {label,-18} {text}");
}
