using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WatchMonitor.State;

namespace WatchMonitor.Core.Tests.State;

/// <summary>
/// A temporary directory, a fake clock in a fixed UTC+1 zone and recording loggers. Disposing deletes the directory
/// and fails the test on an error log the test did not announce with <see cref="ExpectErrors"/>.
/// </summary>
internal sealed class StateTestContext : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 15, 11, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");

    private bool _errorsExpected;

    public StateTestContext()
    {
        Directory = Path.Combine(Path.GetTempPath(), "watchmon-state-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Time.SetLocalTimeZone(Zone);
        Writer = new AtomicFileWriter(Logger<AtomicFileWriter>());
        Quarantine = new StateFileQuarantine(Time, Logger<StateFileQuarantine>());
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; } = new();

    public AtomicFileWriter Writer { get; }

    public StateFileQuarantine Quarantine { get; }

    public IEnumerable<string> Errors => Logs.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message);

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public RecordingLogger<T> Logger<T>() => new(Logs);

    public SeenStore SeenStore(int maxPerSite = WatchMonitor.State.SeenStore.DefaultMaxPerSite, string fileName = "seen_watches.json") =>
        new(PathOf(fileName), Writer, Quarantine, Logger<SeenStore>(), maxPerSite);

    public SessionHistoryStore SessionStore(int maxEntries = SessionHistoryStore.DefaultMaxEntries, int retentionDays = SessionHistoryStore.DefaultRetentionDays) =>
        new(PathOf("session_history.json"), Writer, Quarantine, Time, Logger<SessionHistoryStore>(), maxEntries, retentionDays);

    public Outbox Outbox(int maxEntries = WatchMonitor.State.Outbox.DefaultMaxEntries, string? path = null) =>
        new(path ?? PathOf("outbox.json"), Writer, Quarantine, Time, Logger<Outbox>(), maxEntries);

    public string Read(string fileName) => File.ReadAllText(PathOf(fileName));

    public void Write(string fileName, string content) => File.WriteAllText(PathOf(fileName), content);

    /// <summary>Files in the directory other than temporary ones, sorted.</summary>
    public IReadOnlyList<string> FileNames() =>
        [.. System.IO.Directory.GetFiles(Directory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public void ExpectErrors() => _errorsExpected = true;

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        if (!_errorsExpected)
        {
            Assert.Empty(Errors);
        }
    }
}
