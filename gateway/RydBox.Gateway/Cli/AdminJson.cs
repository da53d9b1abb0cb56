using System.Text.Json;
using System.Text.Json.Serialization;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Cli;

/// <summary>The JSON the administration commands print with --json.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(IReadOnlyList<Tenant>))]
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(IReadOnlyList<Device>))]
[JsonSerializable(typeof(IssuedDevice))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(IReadOnlyList<ApiKey>))]
[JsonSerializable(typeof(IssuedApiKey))]
[JsonSerializable(typeof(MosquittoExportResult))]
internal sealed partial class AdminJson : JsonSerializerContext;
