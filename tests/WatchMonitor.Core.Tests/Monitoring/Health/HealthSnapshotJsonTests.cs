using System.Text.Json;
using WatchMonitor.Monitoring.Health;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.Core.Tests.Monitoring.Health;

public sealed class HealthSnapshotJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Pinned: scripts and dashboards read these keys.</summary>
    [Fact]
    public void Serialize_Snapshot_UsesPinnedCamelCaseShape()
    {
        var snapshot = new HealthSnapshot(
            HealthStatus.Degraded,
            ["watch_out: failing (1 in a row)"],
            new MemoryHealth(151.5, 42.25, 400, 500, false),
            new CycleHealth(At, At.AddSeconds(30), 30, 2, 1),
            7,
            3,
            new Dictionary<string, SiteHealth>
            {
                ["watch_out"] = new(null, 1, 0, false, false, "timed out"),
                ["juwelier_exchange"] = new(At, 0, 24, true, true),
            },
            new Dictionary<string, DestinationHealth>
            {
                ["juwelier_exchange"] = new(DestinationState.Stopped, 2, 1, At.AddHours(1), "Discord answered 404", null, 5, 2, At),
            });

        var json = JsonSerializer.Serialize(snapshot, HealthJsonContext.Default.HealthSnapshot);

        Assert.Equal(
            """
            {
              "status": "Degraded",
              "reasons": [
                "watch_out: failing (1 in a row)"
              ],
              "memory": {
                "rssMb": 151.5,
                "gcHeapMb": 42.25,
                "warningThresholdMb": 400,
                "criticalThresholdMb": 500,
                "degraded": false
              },
              "lastCycle": {
                "startedAt": "2026-03-01T12:00:00+00:00",
                "endedAt": "2026-03-01T12:00:30+00:00",
                "durationSeconds": 30,
                "newListings": 2,
                "errors": 1
              },
              "cycles": 7,
              "outbox": 3,
              "sites": {
                "watch_out": {
                  "lastSuccessAt": null,
                  "consecutiveFailures": 1,
                  "listingsLastCycle": 0,
                  "suspectedLayoutChange": false,
                  "webhookStopped": false,
                  "lastError": "timed out"
                },
                "juwelier_exchange": {
                  "lastSuccessAt": "2026-03-01T12:00:00+00:00",
                  "consecutiveFailures": 0,
                  "listingsLastCycle": 24,
                  "suspectedLayoutChange": true,
                  "webhookStopped": true,
                  "lastError": null
                }
              },
              "destinations": {
                "juwelier_exchange": {
                  "state": "Stopped",
                  "pending": 2,
                  "deadLetters": 1,
                  "nextAttemptAt": "2026-03-01T13:00:00+00:00",
                  "lastError": "Discord answered 404",
                  "lastDeliveredAt": null,
                  "sent": 5,
                  "failedAttempts": 2,
                  "name": null,
                  "failed": 0,
                  "stopped": false
                }
              },
              "deadLetters": 0
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
        Assert.Equal(snapshot.Sites, JsonSerializer.Deserialize(json, HealthJsonContext.Default.HealthSnapshot)!.Sites);
    }

    [Fact]
    public void Serialize_BeforeFirstCycle_LastCycleIsNull()
    {
        var snapshot = new HealthSnapshot(HealthStatus.Healthy, [], new MemoryHealth(1, 1, 400, 500, false), null, 0, 0, new Dictionary<string, SiteHealth>());

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(snapshot, HealthJsonContext.Default.HealthSnapshot));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("lastCycle").ValueKind);
    }
}
