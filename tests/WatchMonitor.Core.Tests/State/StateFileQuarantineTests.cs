using System.Text.RegularExpressions;

namespace WatchMonitor.Core.Tests.State;

public sealed class StateFileQuarantineTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task QuarantineAsync_File_MovesItAsideWithLocalTimestampAndLogsWhatToDo()
    {
        _context.ExpectErrors();
        _context.Write("seen_watches.json", "{ not json");

        var moved = await _context.Quarantine.QuarantineAsync(_context.PathOf("seen_watches.json"), "bad JSON", "Every site starts with a baseline.", CancellationToken.None);

        // 11:00 UTC is 12:00 in the context's UTC+1 zone.
        Assert.Equal(_context.PathOf("seen_watches.json.corrupt-20250115120000"), moved);
        Assert.Equal(["seen_watches.json.corrupt-20250115120000"], _context.FileNames());
        Assert.Equal("{ not json", File.ReadAllText(moved));
        var error = Assert.Single(_context.Errors);
        Assert.Contains("bad JSON", error, StringComparison.Ordinal);
        Assert.Contains(moved, error, StringComparison.Ordinal);
        Assert.Contains("Every site starts with a baseline.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuarantineAsync_TwiceInOneSecond_KeepsBothFiles()
    {
        _context.ExpectErrors();
        var path = _context.PathOf("outbox.json");
        _context.Write("outbox.json", "first");
        await _context.Quarantine.QuarantineAsync(path, "p", "c", CancellationToken.None);
        _context.Write("outbox.json", "second");

        var moved = await _context.Quarantine.QuarantineAsync(path, "p", "c", CancellationToken.None);

        Assert.Matches(new Regex(@"outbox\.json\.corrupt-\d{14}-2$"), moved);
        Assert.Equal(2, _context.FileNames().Count);
    }
}
