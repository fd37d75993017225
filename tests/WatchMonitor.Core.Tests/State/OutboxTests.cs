using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

public sealed class OutboxTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task EnqueueAsync_Entries_ArePersistedBeforeItReturns()
    {
        using var outbox = _context.Outbox();

        var accepted = await outbox.EnqueueAsync([Entry("watch_out", "a"), Entry("grimmeissen", "b")], CancellationToken.None);

        Assert.Equal(2, accepted);
        var file = _context.Read("outbox.json");
        Assert.Contains("\"watch_out:NewListing:a\"", file, StringComparison.Ordinal);
        Assert.Contains("\"grimmeissen:NewListing:b\"", file, StringComparison.Ordinal);
        Assert.Equal(2, outbox.Count);
    }

    [Fact]
    public async Task EnqueueAsync_OneEntry_WritesDocumentedFormat()
    {
        using var outbox = _context.Outbox();

        await outbox.EnqueueAsync([Entry("watch_out", "215de3dfc0d1f6a1f0004cf826c7e0fd", OutboxEntryKind.PriceChange)], CancellationToken.None);

        const string Expected = """
            {
              "version": 1,
              "entries": [
                {
                  "id": "watch_out:PriceChange:215de3dfc0d1f6a1f0004cf826c7e0fd",
                  "site": "watch_out",
                  "compositeId": "215de3dfc0d1f6a1f0004cf826c7e0fd",
                  "kind": "PriceChange",
                  "embed": "{\"title\":\"Rolex – 8.500 €\"}",
                  "enqueuedAt": "2025-01-15T11:00:00Z",
                  "attempts": 0,
                  "nextAttemptAt": "2025-01-15T11:00:00Z"
                }
              ]
            }
            """;
        Assert.Equal(Expected, _context.Read("outbox.json"));
    }

    [Fact]
    public async Task LoadAsync_AfterEnqueueAndFailure_RestoresEntries()
    {
        var retryAt = StateTestContext.Start.AddMinutes(5);
        using (var first = _context.Outbox())
        {
            await first.EnqueueAsync([Entry("watch_out", "a"), Entry("watch_out", "b", OutboxEntryKind.LayoutAlert)], CancellationToken.None);
            await first.RecordFailureAsync("watch_out:NewListing:a", retryAt, CancellationToken.None);
        }

        using var second = _context.Outbox();
        var result = await second.LoadAsync(CancellationToken.None);

        Assert.Equal(2, result.Entries);
        Assert.False(result.WasCorrupt);
        _context.Time.Advance(TimeSpan.FromMinutes(5));
        var batch = second.PeekBatch("watch_out", 10);
        Assert.Equal(
            [
                Entry("watch_out", "a") with { Attempts = 1, NextAttemptAt = retryAt },
                Entry("watch_out", "b", OutboxEntryKind.LayoutAlert),
            ],
            batch);
    }

    [Fact]
    public async Task AcknowledgeAsync_DeliveredIds_RemovesThemAndPersists()
    {
        using var outbox = _context.Outbox();
        await outbox.EnqueueAsync([Entry("watch_out", "a"), Entry("watch_out", "b"), Entry("grimmeissen", "c")], CancellationToken.None);

        await outbox.AcknowledgeAsync(["watch_out:NewListing:a", "grimmeissen:NewListing:c", "unknown"], CancellationToken.None);

        Assert.Equal(1, outbox.Count);
        using var reloaded = _context.Outbox();
        await reloaded.LoadAsync(CancellationToken.None);
        Assert.Equal("watch_out:NewListing:b", Assert.Single(reloaded.PeekBatch("watch_out", 10)).Id);
        Assert.Empty(reloaded.PeekBatch("grimmeissen", 10));
    }

    [Fact]
    public async Task PeekBatch_EntryDeferred_IsNotDueUntilItsNextAttempt()
    {
        using var outbox = _context.Outbox();
        await outbox.EnqueueAsync([Entry("watch_out", "a"), Entry("watch_out", "b"), Entry("watch_out", "c")], CancellationToken.None);

        await outbox.RecordFailureAsync("watch_out:NewListing:a", StateTestContext.Start.AddSeconds(30), CancellationToken.None);

        Assert.Equal(["watch_out:NewListing:b"], outbox.PeekBatch("watch_out", 1).Select(entry => entry.Id));
        Assert.Equal(["watch_out:NewListing:b", "watch_out:NewListing:c"], outbox.PeekBatch("watch_out", 5).Select(entry => entry.Id));
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("watch_out:NewListing:a", outbox.PeekBatch("watch_out", 1)[0].Id);
    }

    [Fact]
    public async Task EnqueueAsync_Full_RefusesNewEntriesAndKeepsOldOnes()
    {
        _context.ExpectErrors();
        using var outbox = _context.Outbox(maxEntries: 2);
        await outbox.EnqueueAsync([Entry("watch_out", "a")], CancellationToken.None);

        var accepted = await outbox.EnqueueAsync([Entry("watch_out", "a"), Entry("watch_out", "b"), Entry("watch_out", "c"), Entry("watch_out", "d")], CancellationToken.None);

        Assert.Equal(2, accepted);
        Assert.Equal(["watch_out:NewListing:a", "watch_out:NewListing:b"], outbox.PeekBatch("watch_out", 10).Select(entry => entry.Id));
        var error = Assert.Single(_context.Errors);
        Assert.Contains("refused 2", error, StringComparison.Ordinal);
        Assert.Contains("MAX_OUTBOX_ENTRIES", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_FileCannotBeWritten_ThrowsAndQueuesNothing()
    {
        _context.ExpectErrors();
        _context.Write("not-a-directory", "");
        using var outbox = _context.Outbox(path: Path.Combine(_context.PathOf("not-a-directory"), "outbox.json"));

        await Assert.ThrowsAnyAsync<IOException>(() => outbox.EnqueueAsync([Entry("watch_out", "a")], CancellationToken.None));

        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task CountBySite_PendingEntries_CountsPerSite()
    {
        using var outbox = _context.Outbox();
        await outbox.EnqueueAsync([Entry("watch_out", "a"), Entry("watch_out", "b"), Entry("grimmeissen", "c")], CancellationToken.None);

        var counts = outbox.CountBySite();

        Assert.Equal(2, counts["watch_out"]);
        Assert.Equal(1, counts["grimmeissen"]);
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_QuarantinesAndStartsEmpty()
    {
        _context.ExpectErrors();
        _context.Write("outbox.json", """{"version": 1, "entries": [{"id": "x", "site": "watch_out", "kind": "Unknown"}]}""");
        using var outbox = _context.Outbox();

        var result = await outbox.LoadAsync(CancellationToken.None);

        Assert.True(result.WasCorrupt);
        Assert.Equal(0, outbox.Count);
        Assert.Equal(["outbox.json.corrupt-20250115120000"], _context.FileNames());
        Assert.Single(_context.Errors);
    }

    private static OutboxEntry Entry(string site, string id, OutboxEntryKind kind = OutboxEntryKind.NewListing) =>
        OutboxEntry.Create(site, id, kind, """{"title":"Rolex – 8.500 €"}""", StateTestContext.Start);
}
