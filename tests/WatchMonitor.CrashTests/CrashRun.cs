using System.Diagnostics;
using System.Globalization;
using WatchMonitor.CrashTests.Shared;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.CrashTests;

/// <summary>
/// Starts the fake sites, runs the real <c>watchmon run</c> against them and SIGKILLs it <see cref="CrashRunOptions.Kills"/>
/// times at chosen moments (during a fetch, a state write, a delivery, or at random), restarting it after each
/// kill, while new listings keep arriving. Then one clean run, and the figures. Checks after every kill: the state
/// files parse and no seen id was lost; at the end: every listing created was alerted, and a listing was alerted
/// twice only where a kill landed between Discord's acceptance and the outbox acknowledgement of its message.
/// </summary>
internal sealed class CrashRun : IAsyncDisposable
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly CrashRunOptions _options;
    private readonly Random _random;
    private readonly FakeSitesServer _server;
    private readonly string _root;
    private readonly StateFiles _state;
    private readonly RunLog _log;
    private readonly Dictionary<string, string> _environment;
    private readonly CancellationToken _cancellationToken;
    private readonly AlertLedger _ledger;
    private readonly ListingChurn _churn;
    private readonly HashSet<string> _everSeen = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private readonly CrashFigures _figures = new();
    private WatchmonProcess? _monitor;
    private long _lifeStartSequence;

    private CrashRun(CrashRunOptions options, FakeSitesServer server, string root, CancellationToken cancellationToken)
    {
        _options = options;
        _random = new Random(options.Seed);
        _server = server;
        _root = root;
        _cancellationToken = cancellationToken;
        var stateDirectory = Directory.CreateDirectory(Path.Combine(root, "state")).FullName;
        _state = new StateFiles(stateDirectory);
        _log = new RunLog(Path.Combine(root, "crash-run.log"));
        _ledger = new AlertLedger(server);
        _churn = new ListingChurn(server, _random, _ledger, Log);
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["STATE_DATABASE"] = _state.DatabaseFile,
            ["SEEN_WATCHES_FILE"] = _state.SeenFile,
            ["SESSION_HISTORY_FILE"] = _state.HistoryFile,
            ["OUTBOX_FILE"] = _state.OutboxFile,
            ["CHECK_INTERVAL_SECONDS"] = "1",
            ["DETAIL_PAGE_DELAY"] = "0",
            ["MAX_RETRIES"] = "1",
            ["RETRY_BACKOFF_FACTOR"] = "0",
            ["REQUEST_TIMEOUT"] = "10",
            ["MAX_CONCURRENT_SCRAPERS"] = "3",
            // Large enough that no id is ever trimmed: a lost id is then always a bug.
            ["MAX_SEEN_ITEMS_PER_SITE"] = "100000",
            ["HEALTH_ENABLED"] = "false",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in server.MonitorConfiguration())
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }
    }

    public static async Task<CrashFigures> RunAsync(CrashRunOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("watchmon-crash-").FullName;
        var server = await FakeSitesServer.StartAsync(
            port: 0,
            new FakeSitesOptions { Seed = options.Seed, InitialListingsPerSite = options.ListingsPerSite, MessagesPerWebhook = 100_000 },
            cancellationToken).ConfigureAwait(false);
        var run = new CrashRun(options, server, root, cancellationToken);
        var succeeded = false;
        try
        {
            var figures = await run.ExecuteAsync().ConfigureAwait(false);
            report(figures.Format());
            succeeded = figures.Failures.Count == 0;
            if (!succeeded)
            {
                report($"Run log kept: {run._log.Path}");
            }

            return figures;
        }
        catch (Exception)
        {
            run._figures.ListingsCreated = run._churn.Created.Count;
            report($"The run stopped early: figures so far:\n{run._figures.Format()}\nRun log kept: {run._log.Path}\nIts last lines:\n{run._log.Tail()}");
            throw;
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
            if (succeeded)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _monitor?.Dispose();
        _log.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<CrashFigures> ExecuteAsync()
    {
        var clock = Stopwatch.StartNew();
        _figures.Seed = _options.Seed;
        Log($"seed {_options.Seed}, {_options.Kills} kills, state in {_state.Directory}");
        StartMonitor();
        await WaitForAsync("the baseline cycle (all six sites in the seen file)", () => ReadState().Seen.Count == _server.Sites.Count, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        Check(ReadState());

        for (var kill = 1; kill <= _options.Kills; kill++)
        {
            if (clock.Elapsed > _options.Deadline)
            {
                Fail($"deadline of {_options.Deadline} reached after {kill - 1} kills");
                break;
            }

            _churn.AddArrivals(_figures.Kills + 1);
            var phase = (KillPhase)_random.Next(4);
            var landed = await KillDuringAsync(phase).ConfigureAwait(false);
            _figures.CountKill(landed);
            await _monitor!.WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
            _server.Faults.Clear();
            AfterKill(kill, landed);
            StartMonitor();
            _figures.Restarts++;
        }

        await FinalCleanRunAsync().ConfigureAwait(false);
        _figures.RecordOutcome(_ledger.Tally(_churn.Created, Fail), _churn, clock.Elapsed, _failures, _log.MonitorProblems);

        return _figures;
    }

    private void StartMonitor()
    {
        _monitor?.Dispose();
        _lifeStartSequence = _ledger.LastSequence();
        _monitor = WatchmonProcess.Start(_state.Directory, _environment, _log);
        Log($"started watchmon pid {_monitor.Id}");
    }

    private async Task<KillPhase> KillDuringAsync(KillPhase phase)
    {
        var monitor = _monitor!;
        switch (phase)
        {
            case KillPhase.Fetch:
                {
                    // A listing page answered only after a delay: the kill lands while the request is open.
                    var delay = TimeSpan.FromMilliseconds(400 + _random.Next(800));
                    var injected = _server.Faults.InjectedCount;
                    _server.Faults.Add(FaultRoute.Listing, Fault.Delayed(delay, times: 1));
                    if (!await WaitForAsync(() => _server.Faults.InjectedCount > injected).ConfigureAwait(false))
                    {
                        return KillAtRandom(monitor, KillPhase.Fallback);
                    }

                    await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(300))).ConfigureAwait(false);
                    return Kill(monitor, phase, $"a listing page held for {delay.TotalMilliseconds:F0} ms");
                }

            case KillPhase.StateWrite:
                {
                    // Killed from the file watcher's callback, right after the nth change in the state directory
                    // (a .tmp file created or written, a rename): the kill lands inside the atomic write sequence.
                    var target = 1 + _random.Next(8);
                    var seenEvents = 0;
                    var killed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                    using var watcher = new FileSystemWatcher(_state.Directory)
                    {
                        NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    };
                    void OnChange(object sender, FileSystemEventArgs change)
                    {
                        if (Interlocked.Increment(ref seenEvents) == target && monitor.Kill())
                        {
                            killed.TrySetResult($"{change.ChangeType} {change.Name}");
                        }
                    }

                    watcher.Created += OnChange;
                    watcher.Changed += OnChange;
                    watcher.Renamed += OnChange;
                    watcher.EnableRaisingEvents = true;
                    try
                    {
                        var change = await killed.Task.WaitAsync(PhaseTimeout, _cancellationToken).ConfigureAwait(false);
                        Log($"SIGKILL pid {monitor.Id} ({phase}): after state change #{target}: {change}");
                        return phase;
                    }
                    catch (TimeoutException)
                    {
                        watcher.EnableRaisingEvents = false;
                        return KillAtRandom(monitor, KillPhase.Fallback);
                    }
                }

            case KillPhase.Delivery:
                {
                    // Discord stores the message, then drips its 200 answer: the kill lands after acceptance and
                    // before the monitor can acknowledge the message in the outbox.
                    var injected = _server.Faults.InjectedCount;
                    var accepted = _server.Discord.TotalAccepted;
                    _server.Faults.Add(FaultRoute.Webhook, Fault.SlowDrip(TimeSpan.FromMilliseconds(25), chunkBytes: 64, times: 1));
                    if (!await WaitForAsync(() => _server.Faults.InjectedCount > injected && _server.Discord.TotalAccepted > accepted).ConfigureAwait(false))
                    {
                        return KillAtRandom(monitor, KillPhase.Fallback);
                    }

                    await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(100))).ConfigureAwait(false);
                    return Kill(monitor, phase, "Discord accepted a message and is still answering");
                }

            default:
                await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(2000))).ConfigureAwait(false);
                return Kill(monitor, KillPhase.Random, "at a random moment");
        }
    }

    private KillPhase KillAtRandom(WatchmonProcess monitor, KillPhase phase) =>
        Kill(monitor, phase, "the awaited moment did not come in time; killed now instead");

    private KillPhase Kill(WatchmonProcess monitor, KillPhase phase, string moment)
    {
        if (!monitor.Kill())
        {
            Fail($"watchmon pid {monitor.Id} exited on its own (code {monitor.ExitCode}) before kill #{_figures.Kills + 1}");
            return KillPhase.ExitedOnItsOwn;
        }

        Log($"SIGKILL pid {monitor.Id} ({phase}): {moment}");
        return phase;
    }

    private void AfterKill(int kill, KillPhase phase)
    {
        var state = ReadState();
        Check(state);

        // Outbox entries of messages Discord accepted during this life: their acknowledgement was lost with the
        // process, so the next start sends them again. These are the only duplicates allowed.
        var acceptedThisLife = _server.Discord.Webhooks
            .SelectMany(webhook => webhook.Messages)
            .Where(message => message.Sequence > _lifeStartSequence)
            .SelectMany(message => message.Embeds)
            .Select(embed => embed.Url)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var lost = state.Outbox.Where(entry => entry.Url is not null && acceptedThisLife.Contains(entry.Url)).ToList();
        if (lost.Count > 0)
        {
            _figures.KillsBetweenAcceptanceAndAcknowledgement++;
            _figures.MessagesAcceptedButUnacknowledged += lost.Select(entry => entry.Site).Distinct(StringComparer.Ordinal).Count();

            // One sequential sender per webhook: only the last message each webhook accepted can be unacknowledged.
            foreach (var entry in lost)
            {
                var messages = _server.Discord.Webhook(entry.Site).Messages;
                var last = messages.Count > 0 ? messages[^1] : null;
                if (last is null || last.Sequence <= _lifeStartSequence || !last.Embeds.Any(embed => embed.Url == entry.Url))
                {
                    Fail($"after kill #{kill} the outbox still holds {entry.Id} ({entry.Url}), accepted by Discord before the message in flight");
                }
            }

            foreach (var entry in lost)
            {
                _ledger.AllowRepeat(entry.Url!);
            }
        }

        Log($"kill #{kill} ({phase}): {state.FilesParsed} files parsed, {state.Outbox.Count} queued, {lost.Count} accepted but unacknowledged");
        if (kill % 20 == 0)
        {
            Log($"progress: {kill} kills, {_churn.Created.Count} listings created, {_server.Discord.TotalAccepted} messages accepted");
        }
    }

    private async Task FinalCleanRunAsync()
    {
        _server.Faults.Clear();
        var sessionsBefore = -1;
        var ok = await WaitForAsync(
            "every listing alerted, the outbox empty and two more cycles",
            () =>
            {
                var state = ReadState();
                var alerted = _ledger.AlertedUrls();
                if (state.Outbox.Count > 0 || _churn.Created.Any(created => !alerted.ContainsKey(created.Url)))
                {
                    return false;
                }

                if (sessionsBefore < 0)
                {
                    sessionsBefore = state.Sessions;
                }

                return state.Sessions >= sessionsBefore + 2;
            },
            TimeSpan.FromSeconds(90),
            throwOnTimeout: false).ConfigureAwait(false);
        if (!ok)
        {
            Fail("the final clean run did not deliver everything within 90 s");
        }

        _monitor!.Kill();
        await _monitor.WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
        Check(ReadState());
    }

    private StateSnapshot ReadState() => _state.Read();

    // Every parse check counts; every id ever written to the seen file must still be there.
    private void Check(StateSnapshot state)
    {
        _figures.StateFileParseChecks += state.FilesParsed;
        foreach (var problem in state.Problems)
        {
            _figures.StateFileFailures++;
            Fail(problem);
        }

        var current = state.Seen.SelectMany(site => site.Value.Select(id => site.Key + ":" + id)).ToHashSet(StringComparer.Ordinal);
        var lost = _everSeen.Where(id => !current.Contains(id)).ToList();
        if (lost.Count > 0)
        {
            _figures.SeenIdsLost += lost.Count;
            Fail($"{lost.Count} seen id(s) lost after kill #{_figures.Kills}, e.g. {lost[0]}");
        }

        _everSeen.UnionWith(current);
        var queued = state.Outbox.Select(entry => entry.Url).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var alerted = _ledger.AlertedUrls();
        foreach (var created in _churn.Created.Where(created => !created.Retired || created.Trace.Count == 0))
        {
            var where = $"{(state.SeenUrls.Contains(created.Url) ? "seen" : "")}{(queued.Contains(created.Url) ? "+queued" : "")}{(alerted.TryGetValue(created.Url, out var count) ? $"+alerted{count}" : "")}";
            if (created.Trace.Count == 0 || !created.Trace[^1].EndsWith(":" + where, StringComparison.Ordinal))
            {
                created.Trace.Add($"k{_figures.Kills}:{where}");
            }
        }

        _figures.SeenIds = _everSeen.Count;
    }

    private async Task<bool> WaitForAsync(Func<bool> condition) =>
        await WaitForAsync("", condition, PhaseTimeout, throwOnTimeout: false).ConfigureAwait(false);

    private async Task<bool> WaitForAsync(string what, Func<bool> condition, TimeSpan timeout, bool throwOnTimeout = true)
    {
        // The harness kills only after its waits: a process gone while it waits exited on its own.
        void StillRunning()
        {
            if (_monitor is { HasExited: true } monitor)
            {
                throw new InvalidOperationException($"watchmon exited on its own with code {monitor.ExitCode} while waiting for {what}.\n{_log.Tail()}");
            }
        }

        var met = await Polling.UntilAsync(condition, timeout, StillRunning, Polling.Interval, _cancellationToken).ConfigureAwait(false);
        if (met || !throwOnTimeout)
        {
            return met;
        }

        throw new TimeoutException($"Waited {timeout} for {what}.\n{_log.Tail()}");
    }

    private Task DelayAsync(TimeSpan delay) => Polling.DelayAsync(delay, _cancellationToken);

    private void Fail(string failure)
    {
        _failures.Add(failure);
        Log("FAILURE: " + failure);
    }

    private void Log(string line) => _log.Write("[crash] " + line);
}

/// <summary>How long and how hard to run.</summary>
internal sealed record CrashRunOptions(int Kills, int Seed, TimeSpan Deadline, int ListingsPerSite = 8);

internal enum KillPhase
{
    Fetch,
    StateWrite,
    Delivery,
    Random,
    Fallback,
    ExitedOnItsOwn,
}

/// <summary>The figures a run reports.</summary>
internal sealed class CrashFigures : RunFigures
{
    public int Restarts { get; set; }

    public int StateFileParseChecks { get; set; }

    public int StateFileFailures { get; set; }

    public string Format()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Crash test figures (seed {Seed})
              kills:                      {Kills} ({Phases})
              restarts:                   {Restarts}
              listings created:           {ListingsCreated}{(ListingsNotAlertable > 0 ? $" (+{ListingsNotAlertable} the adapters skip by design)" : "")}
              alerts received:            {Alerts}
              never alerted:              {NeverAlerted}
              duplicates:                 {Duplicates}
              kills between Discord's acceptance and the outbox acknowledgement: {KillsBetweenAcceptanceAndAcknowledgement}
                (messages in flight there: {MessagesAcceptedButUnacknowledged}; listings in them: {MaxAllowedDuplicates})
              max allowed duplicates:     {MaxAllowedDuplicates} (one per listing per such kill)
              state-file parse checks:    {StateFileParseChecks} ({StateFileFailures} failed)
              seen ids tracked:           {SeenIds} ({SeenIdsLost} lost)
              run time:                   {RunTime.TotalSeconds:F1} s
            """);
        return WithProblemsAndFailures(text);
    }
}
