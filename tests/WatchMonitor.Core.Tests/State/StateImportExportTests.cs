using System.Text;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class StateImportExportTests : StateSuite
{
    private const string IdA = "215de3dfc0d1f6a1f0004cf826c7e0fd";
    private const string IdB = "336064e11c66bba8a09c232387fd9665";

    // The Python monitor's json.dump(indent=2, ensure_ascii=False): no BOM, no trailing newline.
    private const string SeenFile = """
        {
          "worldoftime": [
            "215de3dfc0d1f6a1f0004cf826c7e0fd",
            "336064e11c66bba8a09c232387fd9665"
          ],
          "rüschenbeck_alt": [
            "x"
          ],
          "watch_out": []
        }
        """;

    private const string Companion =
        """{"version":1,"sites":{"worldoftime":[{"id":"215de3dfc0d1f6a1f0004cf826c7e0fd","lastSeen":"2025-01-15T11:00:00Z","url":"https://www.worldoftime.de/Watches/1","price":8500.00,"currency":"EUR"},{"id":"336064e11c66bba8a09c232387fd9665","lastSeen":"2025-01-15T11:00:01.1234567Z","url":"https://www.worldoftime.de/Watches/2","currency":"EUR"}],"rüschenbeck_alt":[{"id":"x"}],"watch_out":[]}}""";

    private const string HistoryFile = """
        [
          {
            "session_id": "20250115_120000",
            "started_at": "2025-01-15T12:00:00.123456",
            "ended_at": "2025-01-15T12:01:00.000000",
            "duration_seconds": 60.0,
            "sites_scraped": 2,
            "total_watches_found": 70,
            "total_new_watches": 3,
            "notifications_sent": 3,
            "errors_encountered": 1,
            "memory_usage_start_mb": 80.5,
            "memory_usage_end_mb": 81.25,
            "memory_delta_mb": 0.75,
            "site_stats": {
              "watch_out": {
                "total_found": 50,
                "new_found": 3,
                "notifications_sent": 3,
                "errors": 0
              },
              "grimmeissen": {
                "total_found": 20,
                "new_found": 0,
                "notifications_sent": 0,
                "errors": 1
              }
            }
          },
          {
            "session_id": "20250115_120500",
            "started_at": "2025-01-15T12:05:00.000000",
            "ended_at": null,
            "duration_seconds": 1e-05,
            "sites_scraped": 0,
            "total_watches_found": 0,
            "total_new_watches": 0,
            "notifications_sent": 0,
            "errors_encountered": 0,
            "memory_usage_start_mb": null,
            "memory_usage_end_mb": null,
            "memory_delta_mb": null,
            "site_stats": {}
          }
        ]
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ImportThenExport_FilesOfEveryKind_WritesThemBackByteForByte(StateEngine engine)
    {
        On(engine);
        Context.Write("seen_watches.json", SeenFile);
        Context.Write("seen_watches.meta.json", Companion);
        Context.Write("session_history.json", HistoryFile);
        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);

        var exporter = Context.Exporter();
        await exporter.ExportSeenAsync(Context.PathOf("out/seen.json"), CancellationToken.None);
        await exporter.ExportHistoryAsync(Context.PathOf("out/history.json"), CancellationToken.None);

        var seen = File.ReadAllBytes(Context.PathOf("out/seen.json"));
        Assert.Equal(SeenFile, Encoding.UTF8.GetString(seen));
        Assert.NotEqual(0xEF, seen[0]);
        Assert.Equal(Companion, Context.Read("out/seen.meta.json"));
        Assert.Equal(HistoryFile, Context.Read("out/history.json"));
        Assert.Equal(SeenFile, Context.Read("seen_watches.json"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_PythonSeenFileWithoutCompanion_EveryIdIsSeenAndEverySiteHasState(StateEngine engine)
    {
        On(engine);
        Context.Write("seen_watches.json", """{"watch_out": ["c2", "c1"], "worldoftime": ["b", "a", "b"], "grimmeissen": []}""");

        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);

        var seen = Context.Seen();
        Assert.Equal(["a", "b"], seen.FindSeen("worldoftime", ["a", "b", "c1"]).Order(StringComparer.Ordinal));
        Assert.True(seen.HasState("grimmeissen"));
        Assert.False(seen.HasState("rueschenbeck"));
        Assert.Contains(Context.Logs, entry => entry.Message.Contains("Imported 4 seen ids of 3 sites", StringComparison.Ordinal));
        await Context.Exporter().ExportSeenAsync(Context.PathOf("out.json"), CancellationToken.None);
        Assert.Equal("""{"watch_out":["c2","c1"],"worldoftime":["b","a"],"grimmeissen":[]}""", Compact(Context.Read("out.json")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_MoreIdsThanTheCap_KeepsTheMostRecentlySeen(StateEngine engine)
    {
        On(engine);
        Context.Options.MaxSeenItemsPerSite = 2;
        Context.Write("seen_watches.json", """{"worldoftime": ["a", "b", "c", "d"]}""");
        Context.Write("seen_watches.meta.json", """{"version":1,"sites":{"worldoftime":[{"id":"b","lastSeen":"2025-01-15T11:00:00Z"},{"id":"a","lastSeen":"2025-01-15T11:05:00Z"}]}}""");

        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);

        Assert.Equal(["a", "b"], Context.Seen().FindSeen("worldoftime", ["a", "b", "c", "d"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Import_OutboxOfAnEarlierVersion_QueuesPerSiteAndCountsQueuedListingsAsSeen(StateEngine engine)
    {
        On(engine);
        Context.Write("seen_watches.json", """{"watch_out": []}""");
        Context.Write("outbox.json", $$"""
            {"version": 1, "entries": [
              {"id": "watch_out:NewListing:{{IdA}}", "site": "watch_out", "compositeId": "{{IdA}}", "kind": "NewListing",
               "embed": "{\"title\":\"Rolex\",\"url\":\"https://watch-out.example/a\"}", "enqueuedAt": "2025-01-15T10:00:00Z", "attempts": 2, "nextAttemptAt": "2025-01-15T10:30:00Z"},
              {"id": "grimmeissen:LayoutAlert:Flagged-1", "site": "grimmeissen", "compositeId": "Flagged-1", "kind": "LayoutAlert",
               "embed": "{\"title\":\"layout\"}", "enqueuedAt": "2025-01-15T10:00:00Z", "attempts": 0, "nextAttemptAt": "2025-01-15T10:00:00Z"}
            ]}
            """);

        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);

        var pending = Context.Outbox().Pending();
        Assert.Equal([("watch_out", IdA, NotificationKind.NewListing, 2), ("grimmeissen", "", NotificationKind.LayoutAlert, 0)],
            pending.Select(message => (message.DestinationKey, message.CompositeId, message.Kind, message.Attempts)));
        Assert.True(Context.Seen().IsSeen("watch_out", IdA));
        Assert.Equal(IdA, Context.Seen().LastKnownPriceForUrl("watch_out", "https://watch-out.example/a")?.CompositeId);
    }

    [Theory]
    [InlineData("seen_watches.json", "{\"worldoftime\": [\"a\", ")]
    [InlineData("seen_watches.json", "[\"a\"]")]
    [InlineData("seen_watches.meta.json", "{\"version\":2,\"sites\":{}}")]
    [InlineData("session_history.json", "{\"not\": \"an array\"}")]
    [InlineData("outbox.json", "{\"version\": 1, \"entries\": [{\"id\": 1}]}")]
    public async Task Import_CorruptOrPartialFile_ThrowsNamingItImportsNothingAndKeepsTheFiles(string broken, string content)
    {
        Context.Write("seen_watches.json", SeenFile);
        Context.Write("session_history.json", HistoryFile);
        Context.Write(broken, content);

        var exception = await Assert.ThrowsAsync<StateFileException>(() => Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None));

        Assert.Contains(Context.PathOf(broken), exception.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-import", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Context.Options.StateDatabase));
        Assert.Equal(content, Context.Read(broken));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Initialize_SkipImport_StartsEmptyAndLeavesTheFiles(StateEngine engine)
    {
        On(engine);
        Context.Write("seen_watches.json", """{"worldoftime": ["a", """);

        await Context.Initializer().InitializeAsync(skipImport: true, CancellationToken.None);

        Assert.False(Context.Seen().HasState("worldoftime"));
        Assert.True(File.Exists(Context.PathOf("seen_watches.json")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Initialize_DatabaseExists_DoesNotImportAgain(StateEngine engine)
    {
        On(engine);
        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);
        Context.Write("seen_watches.json", SeenFile);

        await Context.Initializer().InitializeAsync(skipImport: false, CancellationToken.None);

        Assert.False(Context.Seen().HasState("worldoftime"));
    }

    private static string Compact(string json) => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);
}
