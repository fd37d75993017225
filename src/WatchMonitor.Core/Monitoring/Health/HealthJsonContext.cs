using System.Text.Json;
using System.Text.Json.Serialization;

namespace WatchMonitor.Monitoring.Health;

/// <summary>Source-generated (NativeAOT-friendly) JSON for <c>GET /health</c>; the client reads with it too.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(HealthSnapshot))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
