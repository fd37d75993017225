using System.Globalization;
using System.Text;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class SeenStoreTests : IDisposable
{
    private const string IdA = "215de3dfc0d1f6a1f0004cf826c7e0fd";
    private const string IdB = "336064e11c66bba8a09c232387fd9665";

    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task SaveAsync_TwoSites_WritesReferenceFormatByteForByte()
    {
        using var store = _context.SeenStore();
        var now = _context.Time.GetUtcNow();
        store.MarkSeen("worldoftime", IdA, "https://www.worldoftime.de/Watches/1", 8500.00m, "EUR", now);
        store.MarkSeen("worldoftime", IdB, "https://www.worldoftime.de/Watches/2", null, "EUR", now.AddSeconds(1));
        store.Touch("watch_out", [], now);

        await store.SaveAsync(CancellationToken.None);

        // docs/state-files.md: Python json.dump(indent=2, ensure_ascii=False), no BOM, no trailing newline.
        const string Expected = """
            {
              "worldoftime": [
                "215de3dfc0d1f6a1f0004cf826c7e0fd",
                "336064e11c66bba8a09c232387fd9665"
              ],
              "watch_out": []
            }
            """;
        var bytes = File.ReadAllBytes(_context.PathOf("seen_watches.json"));
        Assert.Equal(Expected, Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            """{"version":1,"sites":{"worldoftime":[{"id":"215de3dfc0d1f6a1f0004cf826c7e0fd","lastSeen":"2025-01-15T11:00:00Z","url":"https://www.worldoftime.de/Watches/1","price":8500.00,"currency":"EUR"},{"id":"336064e11c66bba8a09c232387fd9665","lastSeen":"2025-01-15T11:00:01Z","url":"https://www.worldoftime.de/Watches/2","currency":"EUR"}],"watch_out":[]}}""",
            _context.Read("seen_watches.meta.json"));
    }

    [Fact]
    public async Task LoadAsync_ReferenceFileInAnyOrderWithUnknownSite_ImportsAndWritesUnknownSiteBack()
    {
        _context.Write("seen_watches.json", """{"watch_out": ["c2", "c1"], "rüschenbeck_alt": ["x"], "worldoftime": ["b", "a", "b"]}""");
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.False(result.WasCorrupt);
        Assert.Equal(["rüschenbeck_alt", "watch_out", "worldoftime"], result.SitesWithState.Order(StringComparer.Ordinal));
        Assert.True(store.IsSeen("worldoftime", "a"));
        Assert.True(store.IsSeen("rüschenbeck_alt", "x"));
        Assert.False(store.IsSeen("worldoftime", "c1"));
        Assert.Equal(2, store.CountFor("worldoftime"));

        await store.SaveAsync(CancellationToken.None);

        const string Expected = """
            {
              "watch_out": [
                "c2",
                "c1"
              ],
              "rüschenbeck_alt": [
                "x"
              ],
              "worldoftime": [
                "b",
                "a"
              ]
            }
            """;
        Assert.Equal(Expected, _context.Read("seen_watches.json"));
    }

    [Fact]
    public async Task LoadAsync_EmptyArrayAndMissingSite_OnlyTheKeyedSiteHasState()
    {
        _context.Write("seen_watches.json", """{"watch_out": []}""");
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.True(store.HasState("watch_out"));
        Assert.False(store.HasState("grimmeissen"));
        Assert.Equal(["watch_out"], result.SitesWithState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task LoadAsync_MissingOrEmptyFile_NoSiteHasStateAndNothingQuarantined(string? content)
    {
        if (content is not null)
        {
            _context.Write("seen_watches.json", content);
        }

        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.Empty(result.SitesWithState);
        Assert.False(result.WasCorrupt);
        Assert.False(store.HasState("worldoftime"));
    }

    [Theory]
    [InlineData("{\"worldoftime\": [\"a\", \"b")]
    [InlineData("""["a", "b"]""")]
    [InlineData("""{"worldoftime": [1, 2]}""")]
    [InlineData("""{"worldoftime": "a"}""")]
    [InlineData("""{"worldoftime": ["a"]} {"b": []}""")]
    [InlineData("""{"worldoftime": ["a"]}x""")]
    public async Task LoadAsync_CorruptFile_QuarantinesAndNoSiteHasState(string content)
    {
        _context.ExpectErrors();
        _context.Write("seen_watches.json", content);
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.True(result.WasCorrupt);
        Assert.Empty(result.SitesWithState);
        Assert.False(store.HasState("worldoftime"));
        Assert.Equal(_context.PathOf("seen_watches.json.corrupt-20250115120000"), result.QuarantinedPath);
        Assert.Equal(["seen_watches.json.corrupt-20250115120000"], _context.FileNames());
        Assert.Contains(_context.Errors, message => message.Contains("silent baseline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_AfterSave_RestoresIdsRecencyUrlsAndPrices()
    {
        var now = _context.Time.GetUtcNow();
        using (var first = _context.SeenStore())
        {
            first.MarkSeen("grimmeissen", "old", "https://g/1", 1000m, "EUR", now);
            first.MarkSeen("grimmeissen", "new", "https://g/2", 2000m, "EUR", now.AddMinutes(1));
            first.Touch("grimmeissen", ["old"], now.AddMinutes(2));
            await first.SaveAsync(CancellationToken.None);
        }

        using var second = _context.SeenStore();
        await second.LoadAsync(CancellationToken.None);

        Assert.Equal(new SeenPrice("new", 2000m, "EUR"), second.LastKnownPriceForUrl("grimmeissen", "https://g/2"));
        Assert.Equal(1, second.Trim(1));
        Assert.True(second.IsSeen("grimmeissen", "old"));
        Assert.False(second.IsSeen("grimmeissen", "new"));
    }

    [Fact]
    public async Task LoadAsync_IdMissingFromCompanion_CountsAsOldest()
    {
        _context.Write("seen_watches.json", """{"worldoftime": ["imported", "tracked"]}""");
        _context.Write("seen_watches.meta.json", """{"version":1,"sites":{"worldoftime":[{"id":"tracked","lastSeen":"2025-01-01T00:00:00Z","url":"https://w/1","price":5,"currency":"EUR"}]}}""");
        using var store = _context.SeenStore();
        await store.LoadAsync(CancellationToken.None);

        store.Trim(1);

        Assert.True(store.IsSeen("worldoftime", "tracked"));
        Assert.False(store.IsSeen("worldoftime", "imported"));
    }

    [Fact]
    public async Task LoadAsync_CompanionEntryNotInSeenFile_IsDropped()
    {
        _context.Write("seen_watches.json", """{"worldoftime": ["kept"]}""");
        _context.Write("seen_watches.meta.json", """{"version":1,"sites":{"worldoftime":[{"id":"gone","url":"https://w/gone"},{"id":"kept","url":"https://w/kept"}],"old_site":[{"id":"x"}]}}""");
        using var store = _context.SeenStore();

        await store.LoadAsync(CancellationToken.None);
        await store.SaveAsync(CancellationToken.None);

        Assert.Null(store.LastKnownPriceForUrl("worldoftime", "https://w/gone"));
        Assert.Equal(1, store.UrlIndexCount);
        Assert.Equal("""{"version":1,"sites":{"worldoftime":[{"id":"kept","url":"https://w/kept"}]}}""", _context.Read("seen_watches.meta.json"));
    }

    [Fact]
    public async Task LoadAsync_CorruptCompanion_KeepsIdsAndQuarantinesCompanion()
    {
        _context.ExpectErrors();
        _context.Write("seen_watches.json", """{"worldoftime": ["a"]}""");
        _context.Write("seen_watches.meta.json", "{\"version\":1,\"sites\":{\"worldoftime\":[{\"id\":");
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.False(result.WasCorrupt);
        Assert.True(result.CompanionWasCorrupt);
        Assert.True(store.IsSeen("worldoftime", "a"));
        Assert.Contains("seen_watches.meta.json.corrupt-20250115120000", _context.FileNames());
    }

    [Fact]
    public void Trim_AfterTouchingListedIds_NeverDropsAStillListedId()
    {
        using var store = _context.SeenStore();
        var now = _context.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            store.MarkSeen("tropicalwatch", $"id{i}", $"https://t/{i}", i, "USD", now.AddMinutes(i));
        }

        // id0 and id1 are the oldest entries but still on the page this cycle.
        var touched = store.Touch("tropicalwatch", ["id0", "id1", "unknown"], now.AddHours(1));
        var removed = store.Trim(2);

        Assert.Equal(2, touched);
        Assert.Equal(3, removed);
        Assert.True(store.IsSeen("tropicalwatch", "id0"));
        Assert.True(store.IsSeen("tropicalwatch", "id1"));
        Assert.False(store.IsSeen("tropicalwatch", "id4"));
        Assert.Null(store.LastKnownPriceForUrl("tropicalwatch", "https://t/4"));
        Assert.Equal(2, store.UrlIndexCount);
    }

    [Fact]
    public void MarkSeen_BeyondCap_DropsTheIdGoneLongest()
    {
        using var store = _context.SeenStore(maxPerSite: 3);
        var now = _context.Time.GetUtcNow();
        store.MarkSeen("rueschenbeck", "a", "https://r/a", 1m, "EUR", now);
        store.MarkSeen("rueschenbeck", "b", "https://r/b", 1m, "EUR", now);
        store.MarkSeen("rueschenbeck", "c", "https://r/c", 1m, "EUR", now);
        store.Touch("rueschenbeck", ["a"], now.AddMinutes(1));

        store.MarkSeen("rueschenbeck", "d", "https://r/d", 1m, "EUR", now.AddMinutes(1));

        Assert.Equal(3, store.CountFor("rueschenbeck"));
        Assert.False(store.IsSeen("rueschenbeck", "b"));
        Assert.True(store.IsSeen("rueschenbeck", "a"));
    }

    [Fact]
    public void MarkSeen_MoreThanDefaultCap_KeepsTheNewest10000()
    {
        using var store = _context.SeenStore();
        var now = _context.Time.GetUtcNow();

        for (var i = 0; i < 10_050; i++)
        {
            store.MarkSeen("watch_out", $"id{i}", $"https://w/{i}", null, "EUR", now.AddSeconds(i));
        }

        Assert.Equal(10_000, store.CountFor("watch_out"));
        Assert.Equal(10_000, store.UrlIndexCount);
        Assert.False(store.IsSeen("watch_out", "id49"));
        Assert.True(store.IsSeen("watch_out", "id50"));
        Assert.Null(store.LastKnownPriceForUrl("watch_out", "https://w/49"));
    }

    [Fact]
    public async Task LoadAsync_FileOf12000Ids_TrimsTo10000KeepingTheRecentlySeen()
    {
        var ids = Enumerable.Range(0, 12_000).Select(i => $"id{i:D5}").ToArray();
        _context.Write("seen_watches.json", "{\"juwelier_exchange\": [" + string.Join(", ", ids.Select(id => $"\"{id}\"")) + "]}");
        // The first 100 ids of the file were on the page recently; the rest were imported without recency.
        _context.Write("seen_watches.meta.json", "{\"version\":1,\"sites\":{\"juwelier_exchange\":[" + string.Join(",", ids.Take(100).Select(id => $"{{\"id\":\"{id}\",\"lastSeen\":\"2025-01-15T10:00:00Z\"}}")) + "]}}");
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);
        await store.SaveAsync(CancellationToken.None);

        Assert.Equal(2_000, result.TrimmedIds);
        Assert.Equal(10_000, store.CountFor("juwelier_exchange"));
        Assert.All(ids.Take(100), id => Assert.True(store.IsSeen("juwelier_exchange", id)));
        Assert.False(store.IsSeen("juwelier_exchange", "id00100"));
        using var reloaded = _context.SeenStore();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(10_000, reloaded.CountFor("juwelier_exchange"));
    }

    [Fact]
    public void LastKnownPriceForUrl_PriceChangedUnderSameUrl_ReturnsTheLatestIdAndPrice()
    {
        using var store = _context.SeenStore();
        var now = _context.Time.GetUtcNow();
        store.MarkSeen("grimmeissen", "before", "https://g/watch", 9000m, "EUR", now);
        store.MarkSeen("grimmeissen", "after", "https://g/watch", 8500m, "EUR", now.AddHours(1));

        Assert.Equal(new SeenPrice("after", 8500m, "EUR"), store.LastKnownPriceForUrl("grimmeissen", "https://g/watch"));
        Assert.Null(store.LastKnownPriceForUrl("grimmeissen", "https://g/other"));
        Assert.Null(store.LastKnownPriceForUrl("worldoftime", "https://g/watch"));
    }

    [Fact]
    public async Task MarkSeen_FromSeveralThreadsWhileSaving_RecordsEveryId()
    {
        using var store = _context.SeenStore();
        var sites = new[] { "worldoftime", "grimmeissen", "tropicalwatch", "juwelier_exchange", "watch_out", "rueschenbeck" };
        var now = _context.Time.GetUtcNow();

        var writers = sites.SelectMany(site => Enumerable.Range(0, 2).Select(half => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                var id = $"{half}-{i}";
                store.MarkSeen(site, id, $"https://{site}/{id}", i, "EUR", now.AddSeconds(i));
                store.Touch(site, [id], now.AddSeconds(i));
                Assert.True(store.IsSeen(site, id));
            }
        }))).ToList();
        var saves = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await store.SaveAsync(CancellationToken.None);
            }
        });
        await Task.WhenAll([.. writers, saves]);
        await store.SaveAsync(CancellationToken.None);

        Assert.Equal(12_000, store.TotalCount);
        Assert.All(sites, site => Assert.Equal(2_000, store.CountFor(site)));
        using var reloaded = _context.SeenStore();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(12_000, reloaded.TotalCount);
    }

    [Fact]
    public async Task LoadAsync_AfterSaveOfManyIdsOfEveryForm_RestoresEachExactlyAcrossReadBuffers()
    {
        // Several hundred kilobytes, so ids, URLs and escapes straddle the reader's 64 KB buffer boundaries.
        var now = _context.Time.GetUtcNow();
        var ids = Enumerable.Range(0, 3000).Select(i => (i % 4) switch
        {
            0 => ((UInt128)i * 0x9E3779B97F4A7C15UL * 0x9E3779B97F4A7C15UL).ToString("x32", CultureInfo.InvariantCulture),
            1 => ((UInt128)i * 0x9E3779B97F4A7C15UL).ToString("X32", CultureInfo.InvariantCulture),
            2 => $"legacy|Rolex|Submariner \"{i}\"|ü€",
            _ => new string('a', 31) + (i % 10),
        }).ToList();
        using (var store = _context.SeenStore())
        {
            for (var i = 0; i < ids.Count; i++)
            {
                store.MarkSeen("worldoftime", ids[i], $"https://example.test/uhren/größe-{i}?q=\"x\"&n={new string('n', i % 300)}", i % 3 == 0 ? null : i + 0.5m, "EUR", now.AddSeconds(i));
            }

            await store.SaveAsync(CancellationToken.None);
        }

        var seenBefore = _context.Read("seen_watches.json");
        var companionBefore = _context.Read("seen_watches.meta.json");
        Assert.True(companionBefore.Length > 3 * 64 * 1024);
        using var reloaded = _context.SeenStore();

        var result = await reloaded.LoadAsync(CancellationToken.None);
        await reloaded.SaveAsync(CancellationToken.None);

        Assert.False(result.WasCorrupt);
        Assert.False(result.CompanionWasCorrupt);
        Assert.All(ids, id => Assert.True(reloaded.IsSeen("worldoftime", id), id));
        Assert.Equal(new SeenPrice(ids[2999], 2999.5m, "EUR"), reloaded.LastKnownPriceForUrl("worldoftime", $"https://example.test/uhren/größe-2999?q=\"x\"&n={new string('n', 2999 % 300)}"));
        Assert.Equal(seenBefore, _context.Read("seen_watches.json"));
        Assert.Equal(companionBefore, _context.Read("seen_watches.meta.json"));
    }

    [Theory]
    [InlineData("""{"version":2,"sites":{}}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1,"sites":{"worldoftime":[{"url":"u"}]}}""")]
    [InlineData("""{"version":1,"sites":{"worldoftime":[{"id":"a","price":"12"}]}}""")]
    [InlineData("""{"version":1,"sites":{"worldoftime":[{"id":"a","lastSeen":"yesterday"}]}}""")]
    [InlineData("""{"version":1,"sites":{"worldoftime":[{"id":"a"}]}""")]
    public async Task LoadAsync_CompanionOfWrongShape_KeepsIdsAndQuarantinesCompanion(string companion)
    {
        _context.ExpectErrors();
        _context.Write("seen_watches.json", """{"worldoftime": ["a"]}""");
        _context.Write("seen_watches.meta.json", companion);
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.True(result.CompanionWasCorrupt);
        Assert.True(store.IsSeen("worldoftime", "a"));
    }

    [Fact]
    public async Task LoadAsync_CompanionWithUnknownProperties_IgnoresThem()
    {
        _context.Write("seen_watches.json", """{"worldoftime": ["a"]}""");
        _context.Write("seen_watches.meta.json", """{"note":{"x":[1,{"y":2}]},"version":1,"sites":{"worldoftime":[{"id":"a","extra":[1,2],"url":"https://x.test/1","price":10,"currency":"EUR"}]}}""");
        using var store = _context.SeenStore();

        var result = await store.LoadAsync(CancellationToken.None);

        Assert.False(result.CompanionWasCorrupt);
        Assert.Equal(new SeenPrice("a", 10m, "EUR"), store.LastKnownPriceForUrl("worldoftime", "https://x.test/1"));
    }

    [Fact]
    public void CompanionPathFor_SeenFile_ReplacesJsonExtension()
    {
        Assert.Equal("/data/seen_watches.meta.json", SeenStore.CompanionPathFor("/data/seen_watches.json"));
        Assert.Equal("/data/seen.state.meta.json", SeenStore.CompanionPathFor("/data/seen.state"));
    }
}
