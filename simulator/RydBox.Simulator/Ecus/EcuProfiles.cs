namespace RydBox.Simulator.Ecus;

/// <summary>The two ECUs of the virtual vehicle: engine at 7E0/7E8 and transmission at 7E1/7E9.</summary>
public static class EcuProfiles
{
    private const byte MisfireMonitor = 0x01;
    private const byte FuelSystemMonitor = 0x02;
    private const byte ComponentsMonitor = 0x04;
    private const byte CatalystMonitor = 0x01;
    private const byte EvaporativeSystemMonitor = 0x04;
    private const byte OxygenSensorMonitor = 0x20;
    private const byte OxygenSensorHeaterMonitor = 0x40;

    public static EcuProfile Engine(string vin) => new()
    {
        Acronym = "ECM",
        Name = "EngineControl",
        RequestId = 0x7E0,
        ResponseId = 0x7E8,
        Pids = EnginePids.Rows,
        Monitors = new MonitorSupport(
            MisfireMonitor | FuelSystemMonitor | ComponentsMonitor,
            CatalystMonitor | EvaporativeSystemMonitor | OxygenSensorMonitor | OxygenSensorHeaterMonitor),
        Vin = vin,
        CalibrationIds = ["RYDSIM-ECM-0100"],
    };

    public static EcuProfile Transmission() => new()
    {
        Acronym = "TCM",
        Name = "TransmissionCtl",
        RequestId = 0x7E1,
        ResponseId = 0x7E9,
        Pids = TransmissionPids.Rows(TransmissionPids.SixSpeedRatios),
        Monitors = new MonitorSupport(ComponentsMonitor, 0),
        CalibrationIds = ["RYDSIM-TCM-0100"],
    };
}
