using System;
using RydBox.Firmware.Obd.Dtc;

namespace RydBox.Firmware.Obd.Services
{
    /// <summary>
    /// The OBD-II services the box uses (modes 01, 03, 04, 07, 09, 0A), over whichever transport
    /// reaches the vehicle. Discover the ECUs first: polling asks only for what they support.
    /// </summary>
    public sealed class ObdService
    {
        public const int MaxEcus = ObdResponseSet.DefaultMaxEcus;
        public const byte StoredDtcs = 0x03;
        public const byte PendingDtcs = 0x07;
        public const byte PermanentDtcs = 0x0A;
        public const byte ClearDtcsService = 0x04;
        private const int DtcListCapacity = 128;
        private const int LegacyDtcFrameLength = 7;

        private readonly IObdTransport _transport;
        private readonly ObdResponseSet _responses;
        private readonly byte[] _request = new byte[7];
        private readonly byte[] _infoBuffer = new byte[ObdResponseSet.DefaultPayloadCapacity];
        private readonly DtcList _ecuCodes = new DtcList(DtcListCapacity);

        public ObdService(IObdTransport transport)
        {
            _transport = transport;
            _responses = new ObdResponseSet();
            Ecus = new VehicleEcus(MaxEcus);
        }

        /// <summary>The ECUs that answered discovery, with what each supports.</summary>
        public VehicleEcus Ecus { get; }

        /// <summary>How the most recent request ended.</summary>
        public ObdStatus LastStatus { get; private set; }

        public IObdTransport Transport
        {
            get { return _transport; }
        }

        /// <summary>
        /// Finds the ECUs and their supported mode 01 PIDs by walking the 00, 20, 40 … bitmaps, asking
        /// for the next bitmap only while some ECU says it supports it.
        /// </summary>
        public ObdStatus DiscoverSupportedPids()
        {
            Ecus.Clear();
            ObdStatus first = RequestBitmap(0x00, 0);
            if (first != ObdStatus.Ok)
            {
                return first;
            }

            for (int i = 1; i < SupportedPids.BitmapPids.Length; i++)
            {
                byte bitmapPid = SupportedPids.BitmapPids[i];
                int supporting = Ecus.CountSupporting(bitmapPid);
                if (supporting == 0)
                {
                    break;
                }

                RequestBitmap(bitmapPid, supporting);
            }

            return ObdStatus.Ok;
        }

        /// <summary>
        /// Reads the given mode 01 PIDs, as many per request as the transport allows, skipping those
        /// no ECU supports (when discovery has run) and bitmap PIDs. Clears <paramref name="into"/> first.
        /// </summary>
        public void ReadPids(byte[] pids, int count, PidReadings into)
        {
            into.Clear();
            int perRequest = _transport.MaxPidsPerRequest;
            int batched = 0;
            for (int i = 0; i < count; i++)
            {
                byte pid = pids[i];
                if (IsBitmapPid(pid) || (Ecus.Count > 0 && Ecus.CountSupporting(pid) == 0))
                {
                    continue;
                }

                _request[1 + batched++] = pid;
                if (batched == perRequest)
                {
                    ReadBatch(batched, into);
                    batched = 0;
                }
            }

            if (batched > 0)
            {
                ReadBatch(batched, into);
            }
        }

        /// <summary>The VIN (mode 09 info type 02), or null when no ECU gives a valid one.</summary>
        public string? ReadVin()
        {
            int answers = Request(Mode09Payload.ServiceRequest, VehicleInformation.VinInfoType, 2);
            for (int i = 0; i < answers; i++)
            {
                int length = Mode09Payload.Extract(_responses[i], VehicleInformation.VinInfoType, _transport.IsCan, _infoBuffer);
                string? vin = length < 0 ? null : VehicleInformation.DecodeVin(_infoBuffer, length);
                if (vin != null)
                {
                    return vin;
                }
            }

            return null;
        }

        /// <summary>Calibration ids (mode 09 info type 04) of every ECU that answers, in answer order.</summary>
        public string[] ReadCalibrationIds()
        {
            string[] all = new string[0];
            int answers = Request(Mode09Payload.ServiceRequest, VehicleInformation.CalibrationIdInfoType, 2);
            for (int i = 0; i < answers; i++)
            {
                int length = Mode09Payload.Extract(_responses[i], VehicleInformation.CalibrationIdInfoType, _transport.IsCan, _infoBuffer);
                if (length > 0)
                {
                    all = Concat(all, VehicleInformation.DecodeCalibrationIds(_infoBuffer, length));
                }
            }

            return all;
        }

        /// <summary>
        /// Reads stored (<see cref="StoredDtcs"/>), pending (<see cref="PendingDtcs"/>) or permanent
        /// (<see cref="PermanentDtcs"/>) trouble codes from every ECU. Clears <paramref name="into"/> first.
        /// </summary>
        public ObdStatus ReadDtcs(byte service, TroubleCodes into)
        {
            into.Clear();
            int answers = Request(service, 0, 1);
            for (int i = 0; i < answers; i++)
            {
                EcuResponse response = _responses[i];
                if (!response.IsNegative && !ParseDtcs(response, into))
                {
                    into.MalformedAnswers++;
                }
            }

            return LastStatus;
        }

        /// <summary>
        /// Mode 04: clears trouble codes, freeze frames and readiness monitors in every ECU. The
        /// readiness monitors then need whole drive cycles to complete again, so this is only ever
        /// done when a person asks for it; nothing in the box calls it on its own.
        /// </summary>
        public ObdStatus ClearDiagnosticInformation()
        {
            int answers = Request(ClearDtcsService, 0, 1);
            for (int i = 0; i < answers; i++)
            {
                if (_responses[i].Length >= 1 && _responses[i].Data[0] == ClearDtcsService + 0x40)
                {
                    return ObdStatus.Ok;
                }
            }

            return LastStatus == ObdStatus.Ok ? ObdStatus.Rejected : LastStatus;
        }

        // K-line and J1850 ECUs send one frame per three codes, each frame starting with the service byte again.
        private bool ParseDtcs(EcuResponse response, TroubleCodes into)
        {
            if (_transport.IsCan)
            {
                bool ok = DtcListParser.Parse(response.Data, response.Length, true, _ecuCodes) <= DtcParseStatus.Overflow;
                into.AddAll(response.EcuId, _ecuCodes);
                return ok;
            }

            if (response.Length % LegacyDtcFrameLength != 0)
            {
                return false;
            }

            for (int frame = 0; frame < response.Length; frame += LegacyDtcFrameLength)
            {
                Array.Copy(response.Data, frame, _infoBuffer, 0, LegacyDtcFrameLength);
                if (DtcListParser.Parse(_infoBuffer, LegacyDtcFrameLength, false, _ecuCodes) > DtcParseStatus.Overflow)
                {
                    return false;
                }

                into.AddAll(response.EcuId, _ecuCodes);
            }

            return true;
        }

        private ObdStatus RequestBitmap(byte bitmapPid, int expectedResponses)
        {
            _request[0] = Mode01Response.ServiceRequest;
            _request[1] = bitmapPid;
            _transport.Request(ObdAddressing.Functional, _request, 2, expectedResponses, _responses);
            LastStatus = _responses.Status;
            for (int i = 0; i < _responses.Count; i++)
            {
                EcuResponse response = _responses[i];
                if (response.Length >= 6 && response.Data[0] == Mode01Response.ServiceResponse && response.Data[1] == bitmapPid)
                {
                    SupportedPids? ecu = Ecus.For(response.EcuId);
                    if (ecu != null)
                    {
                        ecu.ApplyBitmap(bitmapPid, response.Data, 2);
                    }
                }
            }

            return Ecus.Count > 0 ? ObdStatus.Ok : (_responses.Status == ObdStatus.Ok ? ObdStatus.Garbled : _responses.Status);
        }

        private void ReadBatch(int pidCount, PidReadings into)
        {
            _request[0] = Mode01Response.ServiceRequest;
            _transport.Request(ObdAddressing.Functional, _request, 1 + pidCount, EcusSupportingAny(pidCount), _responses);
            LastStatus = _responses.Status;
            if (_responses.Status != ObdStatus.Ok)
            {
                into.FailedRequests++;
                return;
            }

            for (int i = 0; i < _responses.Count; i++)
            {
                EcuResponse response = _responses[i];
                if (!response.IsNegative && !Mode01Response.Decode(response, into))
                {
                    into.FailedRequests++;
                }
            }
        }

        // Knowing how many ECUs will answer lets the transport return as soon as they have.
        private int EcusSupportingAny(int pidCount)
        {
            int count = 0;
            for (int e = 0; e < Ecus.Count; e++)
            {
                for (int p = 1; p <= pidCount; p++)
                {
                    if (Ecus[e].IsSupported(_request[p]))
                    {
                        count++;
                        break;
                    }
                }
            }

            return count;
        }

        private int Request(byte service, byte parameter, int length)
        {
            _request[0] = service;
            _request[1] = parameter;
            _transport.Request(ObdAddressing.Functional, _request, length, 0, _responses);
            LastStatus = _responses.Status;
            return _responses.Status == ObdStatus.Ok ? _responses.Count : 0;
        }

        private static bool IsBitmapPid(byte pid)
        {
            return (pid & 0x1F) == 0;
        }

        private static string[] Concat(string[] first, string[] second)
        {
            string[] result = new string[first.Length + second.Length];
            first.CopyTo(result, 0);
            second.CopyTo(result, first.Length);
            return result;
        }
    }
}
