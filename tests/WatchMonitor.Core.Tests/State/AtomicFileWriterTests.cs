using System.Text;

namespace WatchMonitor.Core.Tests.State;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly StateTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task WriteAsync_NewFile_WritesContentAndLeavesNoTempFile()
    {
        var path = _context.PathOf("state.json");

        await _context.Writer.WriteAsync(path, WriteText("{\"a\": 1}"), CancellationToken.None);

        Assert.Equal("{\"a\": 1}", File.ReadAllText(path));
        Assert.Equal(["state.json"], _context.FileNames());
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesIt()
    {
        _context.Write("state.json", "old");

        await _context.Writer.WriteAsync(_context.PathOf("state.json"), WriteText("new"), CancellationToken.None);

        Assert.Equal("new", _context.Read("state.json"));
    }

    [Fact]
    public async Task WriteAsync_WriterThrowsMidway_LeavesOldFileIntactAndRemovesTemp()
    {
        _context.ExpectErrors();
        _context.Write("state.json", "old content");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _context.Writer.WriteAsync(
            _context.PathOf("state.json"),
            async (stream, ct) =>
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(new string('x', 100_000)), ct);
                throw new InvalidOperationException("serializer failed");
            },
            CancellationToken.None));

        Assert.Equal("serializer failed", failure.Message);
        Assert.Equal("old content", _context.Read("state.json"));
        Assert.Equal(["state.json"], _context.FileNames());
        Assert.Contains(_context.Errors, message => message.Contains("previous file is unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_LeavesOldFileIntactWithoutErrorLog()
    {
        _context.Write("state.json", "old content");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _context.Writer.WriteAsync(
            _context.PathOf("state.json"),
            async (stream, ct) =>
            {
                await stream.WriteAsync("partial"u8.ToArray(), ct);
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
            },
            cancellation.Token));

        Assert.Equal("old content", _context.Read("state.json"));
        Assert.Equal(["state.json"], _context.FileNames());
    }

    [Fact]
    public async Task WriteAsync_LeftoverTempFromCrash_IsReplaced()
    {
        _context.Write("state.json", "old");
        _context.Write("state.json.tmp", "half a file from a crash");

        await _context.Writer.WriteAsync(_context.PathOf("state.json"), WriteText("new"), CancellationToken.None);

        Assert.Equal("new", _context.Read("state.json"));
        Assert.Equal(["state.json"], _context.FileNames());
    }

    [Fact]
    public async Task WriteAsync_MissingDirectory_CreatesIt()
    {
        var path = Path.Combine(_context.Directory, "nested", "state.json");

        await _context.Writer.WriteAsync(path, WriteText("x"), CancellationToken.None);

        Assert.Equal("x", File.ReadAllText(path));
    }

    [Fact]
    public async Task WriteAsync_NewFileOnUnix_IsReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _context.PathOf("state.json");

        await _context.Writer.WriteAsync(path, WriteText("x"), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task WriteAsync_ExistingFileOnUnix_KeepsItsMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _context.PathOf("state.json");
        _context.Write("state.json", "old");
        var shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, shared);

        await _context.Writer.WriteAsync(path, WriteText("new"), CancellationToken.None);

        Assert.Equal(shared, File.GetUnixFileMode(path));
    }

    private static Func<Stream, CancellationToken, Task> WriteText(string text) =>
        (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();
}
