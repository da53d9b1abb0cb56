namespace RydBox.Simulator.Vehicles;

internal enum EngineMode
{
    Off,
    Cranking,
    Running,
}
