using System.Text.Json;
using WatchMonitor.Core.Tests.Diagnostics.Fakes;
using WatchMonitor.Diagnostics;

namespace WatchMonitor.Core.Tests.Diagnostics;

[Collection(ProcessMemoryTests.Name)]
public sealed class MemoryReportTests : IDisposable
{
    private readonly TemporaryDirectory _reports = new();
    private readonly RecordingLogger<MemoryReport> _logger = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task WriteAsync_AfterACollection_WritesSnapshotGcDetailsConfigurationAndGcdumpCommands()
    {
        var harness = new MemoryHarness(256);
        GC.Collect();
        var report = new MemoryReport(harness.Monitor, harness.Options, harness.Time, _logger);
        using var stream = new MemoryStream();

        await report.WriteAsync(stream, CancellationToken.None);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(Environment.ProcessId, root.GetProperty("processId").GetInt32());
        Assert.Equal(harness.Time.GetUtcNow(), root.GetProperty("takenAt").GetDateTimeOffset());
        Assert.Equal(256L * 1024 * 1024, root.GetProperty("snapshot").GetProperty("residentBytes").GetInt64());
        Assert.True(root.GetProperty("snapshot").GetProperty("gcHeapBytes").GetInt64() > 0);
        Assert.Equal(400, root.GetProperty("thresholds").GetProperty("warningMb").GetInt32());
        var lastFull = root.GetProperty("lastCollections").GetProperty("fullBlocking");
        Assert.True(lastFull.GetProperty("index").GetInt64() > 0);
        Assert.True(lastFull.GetProperty("totalAvailableMemoryBytes").GetInt64() > 0);
        Assert.True(lastFull.GetProperty("generations").GetProperty("loh").TryGetProperty("sizeAfterBytes", out _));
        Assert.Equal(JsonValueKind.False, root.GetProperty("gcSettings").GetProperty("isServerGC").ValueKind);
        Assert.NotEmpty(root.GetProperty("gcConfiguration").EnumerateObject());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("appContext").ValueKind);
        Assert.True(root.GetProperty("threading").GetProperty("threadPoolThreads").GetInt32() > 0);
        var commands = root.GetProperty("heapTypeHistogram").GetProperty("commands").EnumerateArray().Select(command => command.GetString()).ToList();
        Assert.Contains($"dotnet-gcdump collect -p {Environment.ProcessId} -o watchmon-{Environment.ProcessId}.gcdump", commands);
    }

    [Fact]
    public async Task WriteFileAsync_ReportsDirectory_WritesTimestampedJsonAndLogsTheGcdumpHint()
    {
        var harness = new MemoryHarness(options: new MemoryOptions { ReportsDirectory = _reports.Path });
        var report = new MemoryReport(harness.Monitor, harness.Options, harness.Time, _logger);

        var path = await report.WriteFileAsync(CancellationToken.None);

        Assert.Equal(_reports.File("memory-snapshot-20250301-080000.json"), path);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("snapshot").ValueKind);
        var entry = Assert.Single(_logger.Entries);
        Assert.Contains($"dotnet-gcdump collect -p {Environment.ProcessId}", entry.Message, StringComparison.Ordinal);
    }
}
