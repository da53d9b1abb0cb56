using System.Collections.Frozen;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Ecus;

/// <summary>
/// One emission-related ECU answering SAE J1979 services from a vehicle's sensors: 01 current
/// data, 03/07/0A trouble codes, 04 clear, 09 vehicle information. Asleep (silent) while the
/// ignition is off. Unsupported requests are refused with 7F sid code when addressed to it alone
/// and ignored when functional (ISO 15765-4 keeps broadcast answers to those who can serve them).
/// The same ECU may sit on several buses at once (one per ELM327 client); its state is shared and thread-safe.
/// </summary>
public sealed class VirtualEcu
{
    public const byte CurrentDataService = 0x01;
    public const byte StoredDtcService = 0x03;
    public const byte ClearDtcService = 0x04;
    public const byte PendingDtcService = 0x07;
    public const byte VehicleInformationService = 0x09;
    public const byte PermanentDtcService = 0x0A;

    private const byte NegativeResponse = 0x7F;
    private const byte PositiveResponseOffset = 0x40;

    /// <summary>J1979 on CAN: up to six PIDs in one mode 01 request.</summary>
    private const int MaxPidsPerRequest = 6;

    private readonly IVehicleSensors _sensors;
    private readonly FrozenDictionary<byte, PidRow> _pids;
    private readonly FrozenDictionary<byte, byte[]> _information;
    private volatile bool _monitorsIncomplete;

    public VirtualEcu(EcuProfile profile, IVehicleSensors sensors)
    {
        Profile = profile;
        _sensors = sensors;
        _pids = profile.Pids.ToFrozenDictionary(row => row.Pid);
        _information = VehicleInformationItems.For(profile);
    }

    public EcuProfile Profile { get; }

    /// <summary>Its trouble codes, for scenarios to set and clear.</summary>
    public DtcMemory Dtcs { get; } = new();

    /// <summary>A real car's ECUs sleep with the ignition off: no answers, and their CAN controllers do not acknowledge.</summary>
    public bool IsAwake => _sensors.Read().IgnitionOn;

    /// <summary>
    /// The answer to one complete request (service byte on), or null for silence: asleep, or a
    /// functional request it has nothing for.
    /// </summary>
    public byte[]? Answer(ReadOnlySpan<byte> request, bool functional)
    {
        VehicleState vehicle = _sensors.Read();
        if (!vehicle.IgnitionOn || request.IsEmpty)
        {
            return null;
        }

        byte service = request[0];
        ReadOnlySpan<byte> parameters = request[1..];
        ServiceAnswer answer = service switch
        {
            CurrentDataService => CurrentData(parameters, vehicle),
            StoredDtcService or PendingDtcService or PermanentDtcService => TroubleCodes(service, parameters),
            ClearDtcService => ClearDiagnosticInformation(parameters),
            VehicleInformationService => VehicleInformation(parameters),
            _ => ServiceAnswer.Refuse(NegativeResponseCode.ServiceNotSupported),
        };

        if (answer.Payload is not null)
        {
            return answer.Payload;
        }

        return functional ? null : [NegativeResponse, service, (byte)answer.Refusal];
    }

    /// <summary>Answers every supported PID of the request, in its order; refused when none is supported.</summary>
    private ServiceAnswer CurrentData(ReadOnlySpan<byte> pids, VehicleState vehicle)
    {
        if (pids.Length is 0 or > MaxPidsPerRequest)
        {
            return ServiceAnswer.Refuse(NegativeResponseCode.SubFunctionNotSupported);
        }

        var inputs = new PidInputs(vehicle, new EcuDiagnostics(Dtcs.MilOn, Dtcs.Stored.Count, _monitorsIncomplete, Profile.Monitors));
        var payload = new List<byte> { CurrentDataService + PositiveResponseOffset };
        foreach (byte pid in pids)
        {
            byte[]? data = SupportedPidBitmaps.IsBitmap(pid)
                ? SupportedPidBitmaps.For(_pids.Keys, pid)
                : _pids.GetValueOrDefault(pid)?.Encode(inputs);
            if (data is not null)
            {
                payload.Add(pid);
                payload.AddRange(data);
            }
        }

        return payload.Count > 1 ? ServiceAnswer.Positive([.. payload]) : ServiceAnswer.Refuse(NegativeResponseCode.RequestOutOfRange);
    }

    /// <summary>On CAN a count byte follows the service byte, then two bytes per code.</summary>
    private ServiceAnswer TroubleCodes(byte service, ReadOnlySpan<byte> parameters)
    {
        if (!parameters.IsEmpty)
        {
            return ServiceAnswer.Refuse(NegativeResponseCode.SubFunctionNotSupported);
        }

        IReadOnlyList<ushort> codes = service switch
        {
            StoredDtcService => Dtcs.Stored,
            PendingDtcService => Dtcs.Pending,
            _ => Dtcs.Permanent,
        };
        return ServiceAnswer.Positive(
            [(byte)(service + PositiveResponseOffset), (byte)codes.Count, .. codes.SelectMany(code => new[] { (byte)(code >> 8), (byte)code })]);
    }

    /// <summary>Mode 04 clears the codes and turns the MIL off; the readiness monitors must run again.</summary>
    private ServiceAnswer ClearDiagnosticInformation(ReadOnlySpan<byte> parameters)
    {
        if (!parameters.IsEmpty)
        {
            return ServiceAnswer.Refuse(NegativeResponseCode.SubFunctionNotSupported);
        }

        Dtcs.Clear();
        _monitorsIncomplete = true;
        return ServiceAnswer.Positive([ClearDtcService + PositiveResponseOffset]);
    }

    private ServiceAnswer VehicleInformation(ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length != 1)
        {
            return ServiceAnswer.Refuse(NegativeResponseCode.SubFunctionNotSupported);
        }

        byte infoType = parameters[0];
        byte[]? data = SupportedPidBitmaps.IsBitmap(infoType)
            ? SupportedPidBitmaps.For(_information.Keys, infoType)
            : _information.GetValueOrDefault(infoType);
        return data is null
            ? ServiceAnswer.Refuse(NegativeResponseCode.RequestOutOfRange)
            : ServiceAnswer.Positive([VehicleInformationService + PositiveResponseOffset, infoType, .. data]);
    }
}
