using WatchMonitor.Notifications.Delivery;
using WatchMonitor.State;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WatchMonitor.FakeSites;
using WatchMonitor.Hosting;
using WatchMonitor.Monitoring;
using WatchMonitor.Sites;
using Xunit.Abstractions;

namespace WatchMonitor.EndToEndTests.Monitor.Harness;

/// <summary>
/// The fake dealers and Discord on 127.0.0.1 (port 0), a temporary state directory, and a factory for real monitor
/// hosts pointed at both. Every host of one harness shares the state directory and the log recorder, so a test can
/// stop one "process" and start the next on the same files.
/// </summary>
public sealed class MonitorHarness : IAsyncDisposable
{
    private readonly List<MonitorInstance> _instances = [];

    private MonitorHarness(FakeSitesServer server, string stateDirectory, LogRecorder logs)
    {
        Server = server;
        StateDirectory = stateDirectory;
        Logs = logs;
    }

    public FakeSitesServer Server { get; }

    public string StateDirectory { get; }

    public LogRecorder Logs { get; }

    public string DatabaseFile => Path.Combine(StateDirectory, "watchmon.db");

    public string SeenFile => Path.Combine(StateDirectory, "seen_watches.json");

    public string SeenCompanionFile => Path.Combine(StateDirectory, "seen_watches.meta.json");

    public string HistoryFile => Path.Combine(StateDirectory, "session_history.json");

    public string OutboxFile => Path.Combine(StateDirectory, "outbox.json");

    public static async Task<MonitorHarness> StartAsync(ITestOutputHelper? output, FakeSitesOptions? options = null)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("watchmon-e2e-").FullName;
        var server = await FakeSitesServer.StartAsync(port: 0, options);
        return new MonitorHarness(server, stateDirectory, new LogRecorder(output));
    }

    /// <summary>
    /// Builds the real host (<see cref="WatchmonHost.CreateBuilder"/>) with the fake sites' configuration, state in
    /// this harness's directory and no waiting between detail pages; <paramref name="settings"/> override any of it.
    /// </summary>
    public MonitorInstance StartMonitor(
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null,
        RunSettings? runSettings = null)
    {
        var overrides = new Dictionary<string, string?>(Server.MonitorConfiguration(), StringComparer.OrdinalIgnoreCase)
        {
            ["STATE_DATABASE"] = DatabaseFile,
            ["SEEN_WATCHES_FILE"] = SeenFile,
            ["SESSION_HISTORY_FILE"] = HistoryFile,
            ["OUTBOX_FILE"] = OutboxFile,
            ["DETAIL_PAGE_DELAY"] = "0",
            ["CHECK_INTERVAL_SECONDS"] = "60",
            ["MAX_RETRIES"] = "0",
            ["RETRY_BACKOFF_FACTOR"] = "0",
            ["REQUEST_TIMEOUT"] = "10",
            ["MAX_CONCURRENT_SCRAPERS"] = "3",
            // Whatever the machine's environment says, the monitor under test watches every site and notifies.
            ["SKIP_SITES"] = "",
            ["ENABLE_NOTIFICATIONS"] = "true",
            ["ENABLE_DETAIL_SCRAPING"] = "true",
            ["ENABLE_EXCHANGE_RATE_CONVERSION"] = "true",
            ["MEMORY_PROFILING"] = "false",
            // The test host's own footprint is not the monitor's: keep the memory governor out of the way.
            ["MEMORY_WARNING_THRESHOLD_MB"] = "60000",
            ["MEMORY_CRITICAL_THRESHOLD_MB"] = "65000",
            ["MEMORY_REPORTS_DIR"] = Path.Combine(StateDirectory, "reports"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        var builder = WatchmonHost.CreateBuilder(runSettings ?? new RunSettings(), overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        services?.Invoke(builder.Services);
        var instance = new MonitorInstance(builder.Build());
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Registers <paramref name="timeProvider"/> in place of the system clock.</summary>
    public static Action<IServiceCollection> UseClock(TimeProvider timeProvider) =>
        services => services.Replace(ServiceDescriptor.Singleton(timeProvider));

    /// <summary>Wraps the monitor's real <see cref="IPageFetcher"/> with <paramref name="decorate"/>.</summary>
    public static Action<IServiceCollection> DecorateFetcher(Func<IPageFetcher, IPageFetcher> decorate) => services =>
    {
        var real = services.Last(descriptor => descriptor.ServiceType == typeof(IPageFetcher));
        var factory = real.ImplementationFactory ?? throw new InvalidOperationException("IPageFetcher is expected to be registered with a factory.");
        services.Remove(real);
        services.AddSingleton(provider => decorate((IPageFetcher)factory(provider)));
    };

    /// <summary>Fails when the monitors logged an error nobody expected, or a webhook secret anywhere.</summary>
    public void VerifyLogs()
    {
        var unexpected = Logs.UnexpectedErrors();
        Assert.True(unexpected.Count == 0, "Unexpected error logs:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        var leaks = Logs.Entries.Where(entry => Secrets().Any(secret => entry.Text.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Log lines with a webhook token or full webhook URL:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    /// <summary>What must never be printed: each fake webhook's token and its full path, and the fake channels' tokens, topic and paths.</summary>
    public IEnumerable<string> Secrets() =>
        Server.Discord.Webhooks.SelectMany(webhook => new[] { webhook.Token, webhook.Path })
            .Concat([FakeSites.Channels.FakeChannels.TelegramToken, "FakeSlackSecret0123456789", "wm-topic-secret-7f3a", "events-secret-9c1d"]);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a test must not fail over its temp directory.
        }
    }

    /// <summary>The newest session, as <c>watchmon export --history</c> writes it (the Python session_history.json format).</summary>
    public JsonElement LastSession()
    {
        var database = OpenDatabase() ?? throw new InvalidOperationException("No state database yet.");
        var path = Path.Combine(StateDirectory, $"export-{Guid.NewGuid():N}.json");
        var history = new SessionHistory(database, TimeProvider.System, 1_000_000, 36_500);
        new StateExporter(database, history, new AtomicFileWriter(NullLogger<AtomicFileWriter>.Instance), TimeProvider.System)
            .ExportHistoryAsync(path, CancellationToken.None).GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        File.Delete(path);
        return document.RootElement.EnumerateArray().Last().Clone();
    }

    /// <summary>The messages queued for every destination (none before the database exists).</summary>
    public IReadOnlyList<QueuedMessage> OutboxEntries() =>
        OpenDatabase() is { } database ? new SqliteOutbox(database, TimeProvider.System, 1000).Pending() : [];

    /// <summary>The seen ids of a site.</summary>
    public IReadOnlySet<string> SeenIds(string siteKey) =>
        OpenDatabase() is { } database
            ? database.Read(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT id FROM listing WHERE site = @site;";
                command.Bind("@site", siteKey);
                using var reader = command.ExecuteReader();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            })
            : new HashSet<string>();

    /// <summary>Writes the seen file (with companion) and the session history from the database, as <c>watchmon export</c> does.</summary>
    public async Task ExportAsync()
    {
        var database = OpenDatabase() ?? throw new InvalidOperationException("No state database yet.");
        var exporter = new StateExporter(database, new SessionHistory(database, TimeProvider.System, 1_000_000, 36_500), new AtomicFileWriter(NullLogger<AtomicFileWriter>.Instance), TimeProvider.System);
        await exporter.ExportSeenAsync(SeenFile, CancellationToken.None);
        await exporter.ExportHistoryAsync(HistoryFile, CancellationToken.None);
    }

    /// <summary>Runs SQL on the state database, as another process would (e.g. to make it refuse writes).</summary>
    public void ExecuteSql(string sql)
    {
        var database = OpenDatabase() ?? throw new InvalidOperationException("No state database yet.");
        database.Write((connection, transaction) => StateDatabase.Execute(connection, sql, transaction));
    }

    private StateDatabase? OpenDatabase()
    {
        var database = new StateDatabase(DatabaseFile, NullLogger<StateDatabase>.Instance);
        if (!database.Exists)
        {
            return null;
        }

        database.Open();
        return database;
    }
}
