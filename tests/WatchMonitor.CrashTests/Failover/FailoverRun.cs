using System.Diagnostics;
using System.Globalization;
using WatchMonitor.CrashTests.Shared;
using WatchMonitor.FakeSites;
using WatchMonitor.FakeSites.Faults;

namespace WatchMonitor.CrashTests.Failover;

/// <summary>
/// Three real <c>watchmon run</c> processes share one fresh PostgreSQL database and the fake dealers, while new
/// listings keep arriving. One of them is SIGKILLed <see cref="FailoverRunOptions.Kills"/> times (during a fetch,
/// in the delivery window between Discord's acceptance and the outbox acknowledgement, or at random) and started
/// again under a new INSTANCE_NAME, at once or after a pause, so the others must take its sites and its claimed
/// messages over. The site_lease table, read directly, gives the time each of the dead instance's sites was without
/// a live holder. At the end, after a clean period with all three alive: every listing alerted, and twice only where
/// a killed instance lost the acknowledgement of its message.
/// </summary>
internal sealed class FailoverRun : IAsyncDisposable
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(50);
    private static readonly KillPhase[] Phases = [KillPhase.Fetch, KillPhase.Delivery, KillPhase.Random];

    private readonly FailoverRunOptions _options;
    private readonly Random _random;
    private readonly FakeSitesServer _server;
    private readonly SharedState _shared;
    private readonly string _root;
    private readonly RunLog _log;
    private readonly Dictionary<string, string> _environment;
    private readonly CancellationToken _cancellationToken;
    private readonly AlertLedger _ledger;
    private readonly ListingChurn _churn;
    private readonly MonitorInstance?[] _slots;
    private readonly int[] _lives;
    private readonly HashSet<string> _everSeen = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private readonly FailoverFigures _figures = new();

    private FailoverRun(FailoverRunOptions options, FakeSitesServer server, TestDatabase database, string root, CancellationToken cancellationToken)
    {
        _options = options;
        _random = new Random(options.Seed);
        _server = server;
        _shared = new SharedState(database.ConnectionString);
        _root = root;
        _cancellationToken = cancellationToken;
        _log = new RunLog(Path.Combine(root, "failover-run.log"));
        _ledger = new AlertLedger(server);
        _churn = new ListingChurn(server, _random, _ledger, Log);
        _slots = new MonitorInstance?[options.Instances];
        _lives = new int[options.Instances];
        var unused = Path.Combine(root, "no-legacy-files");
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["STATE_DATABASE"] = database.ConnectionString,
            // No JSON files of an earlier version to import: the database is the whole state.
            ["SEEN_WATCHES_FILE"] = Path.Combine(unused, "seen_watches.json"),
            ["SESSION_HISTORY_FILE"] = Path.Combine(unused, "session_history.json"),
            ["OUTBOX_FILE"] = Path.Combine(unused, "outbox.json"),
            ["CHECK_INTERVAL_SECONDS"] = "1",
            ["LEASE_SECONDS"] = options.LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["DETAIL_PAGE_DELAY"] = "0",
            ["MAX_RETRIES"] = "1",
            ["RETRY_BACKOFF_FACTOR"] = "0",
            ["REQUEST_TIMEOUT"] = "5",
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

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.LeaseSeconds);

    public static async Task<FailoverFigures> RunAsync(FailoverRunOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("watchmon-failover-").FullName;
        var database = await TestPostgres.CreateDatabaseAsync("failover", cancellationToken).ConfigureAwait(false);
        FailoverRun? run = null;
        var succeeded = false;
        try
        {
            var server = await FakeSitesServer.StartAsync(
                port: 0,
                new FakeSitesOptions { Seed = options.Seed, InitialListingsPerSite = options.ListingsPerSite, MessagesPerWebhook = 100_000 },
                cancellationToken).ConfigureAwait(false);
            run = new FailoverRun(options, server, database, root, cancellationToken);
            var figures = await run.ExecuteAsync().ConfigureAwait(false);
            report(figures.Format());
            succeeded = figures.Failures.Count == 0;
            if (!succeeded)
            {
                report($"Run log kept: {run._log.Path}");
            }

            return figures;
        }
        catch (Exception) when (run is not null)
        {
            run._figures.ListingsCreated = run._churn.Created.Count;
            report($"The run stopped early: figures so far:\n{run._figures.Format()}\nRun log kept: {run._log.Path}\nIts last lines:\n{run._log.Tail()}");
            throw;
        }
        finally
        {
            if (run is not null)
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }

            await database.DisposeAsync().ConfigureAwait(false);
            if (succeeded)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _slots)
        {
            instance?.Dispose();
        }

        await _shared.DisposeAsync().ConfigureAwait(false);
        _log.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<FailoverFigures> ExecuteAsync()
    {
        var clock = Stopwatch.StartNew();
        _figures.Seed = _options.Seed;
        _figures.Instances = _options.Instances;
        _figures.LeaseSeconds = _options.LeaseSeconds;
        Log($"seed {_options.Seed}, {_options.Instances} instances, {_options.Kills} kills, LEASE_SECONDS={_options.LeaseSeconds}");
        // The first instance creates the schema alone: three first starts at once on an empty database raced in the
        // migration (42P07, "relation already exists"), which is no failover and is reported on its own.
        var first = Start(0);
        await WaitForAsync("the first instance's lease round on the new database", async () =>
            (await _shared.InstancesAsync(_cancellationToken).ConfigureAwait(false)).Contains(first.Name), StartTimeout).ConfigureAwait(false);
        for (var slot = 1; slot < _slots.Length; slot++)
        {
            Start(slot);
        }

        await WaitForAsync("the baseline (all six sites scanned, each held by a live instance)", async () =>
            await _shared.ScannedSitesAsync(_cancellationToken).ConfigureAwait(false) == _server.Sites.Count
            && await UnheldSitesAsync().ConfigureAwait(false) == 0, StartTimeout).ConfigureAwait(false);
        await CheckAsync().ConfigureAwait(false);

        for (var kill = 1; kill <= _options.Kills; kill++)
        {
            if (clock.Elapsed > _options.Deadline)
            {
                Fail($"deadline of {_options.Deadline} reached after {kill - 1} kills");
                break;
            }

            await WaitForAsync("every instance registered in the instance table", async () =>
            {
                var registered = (await _shared.InstancesAsync(_cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                return Live().All(instance => registered.Contains(instance.Name));
            }, StartTimeout).ConfigureAwait(false);
            _churn.AddArrivals(kill);
            var phase = Phases[_random.Next(Phases.Length)];
            var (victim, landed) = await KillDuringAsync(phase).ConfigureAwait(false);
            var killedAt = TimeProvider.System.GetTimestamp();
            var held = (await _shared.LeasesAsync(_cancellationToken).ConfigureAwait(false))
                .Where(lease => lease.Holder == victim.Name && lease.ExpiresAt > NowTicks)
                .Select(lease => lease.Site)
                .ToList();
            _figures.CountKill(landed);
            _slots[victim.Slot] = null;
            await victim.Process.WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
            victim.Dispose();
            _server.Faults.Clear();
            await AfterKillAsync(kill, victim, landed, held).ConfigureAwait(false);
            await TakeOverAsync(victim, held, killedAt).ConfigureAwait(false);
        }

        await FinalCleanPeriodAsync().ConfigureAwait(false);
        _figures.RecordOutcome(_ledger.Tally(_churn.Created, Fail), _churn, clock.Elapsed, _failures, _log.MonitorProblems);

        return _figures;
    }

    private MonitorInstance Start(int slot)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"failover-{(char)('a' + slot)}{++_lives[slot]}");
        var environment = new Dictionary<string, string>(_environment, StringComparer.Ordinal) { ["INSTANCE_NAME"] = name };
        var instance = new MonitorInstance(slot, name, WatchmonProcess.Start(_root, environment, _log));
        _slots[slot] = instance;
        Log($"started {instance}");
        return instance;
    }

    private List<MonitorInstance> Live() => [.. _slots.OfType<MonitorInstance>()];

    private HashSet<string> LiveNames() => Live().Select(instance => instance.Name).ToHashSet(StringComparer.Ordinal);

    private MonitorInstance? LiveNamed(string? name) => Live().FirstOrDefault(instance => instance.Name == name);

    private static long NowTicks => TimeProvider.System.GetUtcNow().UtcTicks;

    private async Task<int> UnheldSitesAsync()
    {
        var live = LiveNames();
        var now = NowTicks;
        var leases = await _shared.LeasesAsync(_cancellationToken).ConfigureAwait(false);
        return _server.Sites.Count(site => !leases.Any(lease => lease.Site == site.Key && lease.HeldBy(live, now)));
    }

    private async Task<(MonitorInstance Victim, KillPhase Landed)> KillDuringAsync(KillPhase phase)
    {
        switch (phase)
        {
            case KillPhase.Fetch:
                {
                    // A listing page of a site some instance holds, answered only after a delay: the kill lands on
                    // the instance that fetches it (the site's holder at that moment) while the request is open.
                    var live = LiveNames();
                    var now = NowTicks;
                    var held = (await _shared.LeasesAsync(_cancellationToken).ConfigureAwait(false)).Where(lease => lease.HeldBy(live, now)).ToList();
                    if (held.Count == 0)
                    {
                        return KillAtRandom("no site had a live holder");
                    }

                    var target = held[_random.Next(held.Count)];
                    var delay = TimeSpan.FromMilliseconds(400 + _random.Next(800));
                    var injected = _server.Faults.InjectedCount;
                    _server.Faults.Add(FaultRoute.Listing, Fault.Delayed(delay, times: 1), target.Site);
                    if (!await WaitForAsync(() => _server.Faults.InjectedCount > injected).ConfigureAwait(false))
                    {
                        return KillAtRandom($"{target.Site}'s listing page was not fetched within {PhaseTimeout.TotalSeconds:F0} s");
                    }

                    var holder = (await _shared.LeasesAsync(_cancellationToken).ConfigureAwait(false)).FirstOrDefault(lease => lease.Site == target.Site)?.Holder;
                    var fetcher = LiveNamed(holder) ?? LiveNamed(target.Holder);
                    if (fetcher is null)
                    {
                        return KillAtRandom($"{target.Site}'s holder {holder} is not running");
                    }

                    await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(300))).ConfigureAwait(false);
                    return Kill(fetcher, phase, $"{target.Site}'s listing page held for {delay.TotalMilliseconds:F0} ms");
                }

            case KillPhase.Delivery:
                {
                    // Discord stores the message, then drips its 200 answer. The sender is the instance whose claim
                    // the message's outbox rows carry: it is killed after acceptance, before it can acknowledge.
                    var injected = _server.Faults.InjectedCount;
                    var accepted = _server.Discord.TotalAccepted;
                    var before = _ledger.LastSequence();
                    _server.Faults.Add(FaultRoute.Webhook, Fault.SlowDrip(TimeSpan.FromMilliseconds(25), chunkBytes: 64, times: 1));
                    if (!await WaitForAsync(() => _server.Faults.InjectedCount > injected && _server.Discord.TotalAccepted > accepted).ConfigureAwait(false))
                    {
                        return KillAtRandom($"no message was posted within {PhaseTimeout.TotalSeconds:F0} s");
                    }

                    var urls = _server.Discord.Webhooks
                        .SelectMany(webhook => webhook.Messages)
                        .Where(message => message.Sequence > before)
                        .SelectMany(message => message.Embeds)
                        .Select(embed => embed.Url)
                        .OfType<string>()
                        .ToHashSet(StringComparer.Ordinal);
                    var senders = (await _shared.OutboxAsync(_cancellationToken).ConfigureAwait(false))
                        .Where(message => message.Url is not null && urls.Contains(message.Url))
                        .Select(message => LiveNamed(message.ClaimedBy))
                        .OfType<MonitorInstance>()
                        .Distinct()
                        .ToList();
                    if (senders.Count == 0)
                    {
                        return KillAtRandom("the accepted message was acknowledged before its sender could be found");
                    }

                    await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(100))).ConfigureAwait(false);
                    return Kill(senders[_random.Next(senders.Count)], phase, "Discord accepted its message and is still answering");
                }

            default:
                {
                    var live = Live();
                    var victim = live[_random.Next(live.Count)];
                    await DelayAsync(TimeSpan.FromMilliseconds(_random.Next(2000))).ConfigureAwait(false);
                    return Kill(victim, KillPhase.Random, "at a random moment");
                }
        }
    }

    private (MonitorInstance, KillPhase) KillAtRandom(string why)
    {
        var live = Live();
        return Kill(live[_random.Next(live.Count)], KillPhase.Fallback, why + "; a random instance killed now instead");
    }

    private (MonitorInstance, KillPhase) Kill(MonitorInstance victim, KillPhase phase, string moment)
    {
        if (!victim.Process.Kill())
        {
            Fail($"{victim} exited on its own (code {victim.Process.ExitCode}) before kill #{_figures.Kills + 1}");
            return (victim, KillPhase.ExitedOnItsOwn);
        }

        Log($"SIGKILL {victim} ({phase}): {moment}");
        return (victim, phase);
    }

    private async Task AfterKillAsync(int kill, MonitorInstance victim, KillPhase phase, List<string> held)
    {
        // Rows the dead instance had claimed whose listing Discord accepted more often than earlier kills explain:
        // it sent them and died before acknowledging, so whoever takes the claim over sends them again. These are
        // the only duplicates allowed; a claim no other instance may take while it lasts makes them the dead one's.
        var accepted = _ledger.AlertedUrls();
        var lost = (await _shared.OutboxAsync(_cancellationToken).ConfigureAwait(false))
            .Where(message => message.ClaimedBy == victim.Name && message.Url is not null
                && accepted.GetValueOrDefault(message.Url) > _ledger.LostAcknowledgements(message.Url))
            .ToList();
        if (lost.Count > 0)
        {
            _figures.KillsBetweenAcceptanceAndAcknowledgement++;
            _figures.MessagesAcceptedButUnacknowledged += lost.Select(message => message.Site).Distinct(StringComparer.Ordinal).Count();
            foreach (var message in lost)
            {
                _ledger.AllowRepeat(message.Url!);
            }
        }

        await CheckAsync().ConfigureAwait(false);
        Log($"kill #{kill} ({phase}) of {victim.Name}: it held {held.Count} site(s) ({string.Join(", ", held)}), {lost.Count} message(s) accepted but unacknowledged");
    }

    /// <summary>
    /// Restarts the killed slot under a new name (at once, or after 0–2 × LEASE_SECONDS) and polls site_lease until
    /// every site the dead instance held has a live holder again; the time from the kill is each site's gap.
    /// </summary>
    private async Task TakeOverAsync(MonitorInstance victim, List<string> held, long killedAt)
    {
        var pause = _random.Next(3) == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(_random.Next((int)(2 * Lease.TotalMilliseconds)));
        var deadline = pause + (4 * Lease) + StartTimeout;
        MonitorInstance? restarted = null;
        var gaps = new Dictionary<string, (TimeSpan Gap, string Holder)>(StringComparer.Ordinal);
        while (true)
        {
            StillRunning("the takeover");
            var elapsed = TimeProvider.System.GetElapsedTime(killedAt);
            if (restarted is null && elapsed >= pause)
            {
                restarted = Start(victim.Slot);
                _figures.CountRestart(pause);
            }

            var live = LiveNames();
            var now = NowTicks;
            var leases = await _shared.LeasesAsync(_cancellationToken).ConfigureAwait(false);
            foreach (var site in held.Where(site => !gaps.ContainsKey(site)))
            {
                if (leases.FirstOrDefault(lease => lease.Site == site) is { } lease && lease.HeldBy(live, now))
                {
                    gaps[site] = (elapsed, lease.Holder);
                }
            }

            if (restarted is not null && gaps.Count == held.Count)
            {
                break;
            }

            if (elapsed > deadline)
            {
                foreach (var site in held.Where(site => !gaps.ContainsKey(site)))
                {
                    Fail($"{site}, held by {victim.Name}, had no live holder {elapsed.TotalSeconds:F1} s after the kill");
                    gaps[site] = (elapsed, "(none)");
                }

                break;
            }

            await DelayAsync(LeasePoll).ConfigureAwait(false);
        }

        foreach (var (site, (gap, holder)) in gaps)
        {
            _figures.CountTakeover(gap, byRestarted: holder == restarted?.Name);
            if (gap > 2 * Lease)
            {
                Fail($"{site} had no live holder for {gap.TotalSeconds:F1} s after {victim.Name} was killed (more than 2 × LEASE_SECONDS)");
            }
        }

        Log($"takeover after {victim.Name}: restarted as {restarted?.Name} after {pause.TotalSeconds:F1} s; "
            + string.Join(", ", gaps.Select(pair => $"{pair.Key} → {pair.Value.Holder} in {pair.Value.Gap.TotalSeconds:F2} s")));
    }

    private async Task FinalCleanPeriodAsync()
    {
        _server.Faults.Clear();
        var sessionsBefore = -1;
        var ok = await WaitForAsync(
            "every listing alerted, the outbox empty and a cycle more of each instance",
            async () =>
            {
                var outbox = await _shared.OutboxAsync(_cancellationToken).ConfigureAwait(false);
                var alerted = _ledger.AlertedUrls();
                if (outbox.Count > 0 || _churn.Created.Any(created => !alerted.ContainsKey(created.Url)))
                {
                    return false;
                }

                var sessions = await _shared.SessionsAsync(_cancellationToken).ConfigureAwait(false);
                if (sessionsBefore < 0)
                {
                    sessionsBefore = sessions;
                }

                return sessions >= sessionsBefore + _options.Instances;
            },
            TimeSpan.FromSeconds(120),
            throwOnTimeout: false).ConfigureAwait(false);
        if (!ok)
        {
            var outbox = await _shared.OutboxAsync(_cancellationToken).ConfigureAwait(false);
            Fail($"the clean period did not deliver everything within 120 s ({outbox.Count} still queued: {string.Join(", ", outbox.Take(5).Select(message => $"{message.Id} claimed by {message.ClaimedBy ?? "nobody"}"))})");
        }

        foreach (var instance in Live())
        {
            instance.Process.Kill();
            await instance.Process.WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
        }

        await CheckAsync().ConfigureAwait(false);
    }

    // Every id ever seen must still be there; each created listing's whereabouts go into its trace.
    private async Task CheckAsync()
    {
        var (ids, urls) = await _shared.SeenAsync(_cancellationToken).ConfigureAwait(false);
        var lost = _everSeen.Where(id => !ids.Contains(id)).ToList();
        if (lost.Count > 0)
        {
            _figures.SeenIdsLost += lost.Count;
            Fail($"{lost.Count} seen id(s) lost after kill #{_figures.Kills}, e.g. {lost[0]}");
        }

        _everSeen.UnionWith(ids);
        _figures.SeenIds = _everSeen.Count;
        var queued = (await _shared.OutboxAsync(_cancellationToken).ConfigureAwait(false)).Select(message => message.Url).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var alerted = _ledger.AlertedUrls();
        foreach (var created in _churn.Created.Where(created => !created.Retired || created.Trace.Count == 0))
        {
            var where = $"{(urls.Contains(created.Url) ? "seen" : "")}{(queued.Contains(created.Url) ? "+queued" : "")}{(alerted.TryGetValue(created.Url, out var count) ? $"+alerted{count}" : "")}";
            if (created.Trace.Count == 0 || !created.Trace[^1].EndsWith(":" + where, StringComparison.Ordinal))
            {
                created.Trace.Add($"k{_figures.Kills}:{where}");
            }
        }
    }

    private Task<bool> WaitForAsync(Func<bool> condition) =>
        Polling.UntilAsync(condition, PhaseTimeout, () => StillRunning("a kill's moment"), Polling.Interval, _cancellationToken);

    private async Task<bool> WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, bool throwOnTimeout = true)
    {
        var met = await Polling.UntilAsync(condition, timeout, () => StillRunning(what), LeasePoll, _cancellationToken).ConfigureAwait(false);
        if (met || !throwOnTimeout)
        {
            return met;
        }

        throw new TimeoutException($"Waited {timeout} for {what}.\n{_log.Tail()}");
    }

    // The harness kills only after its waits: an instance gone while it waits exited on its own.
    private void StillRunning(string what)
    {
        if (Live().FirstOrDefault(instance => instance.Process.HasExited) is { } gone)
        {
            throw new InvalidOperationException($"{gone} exited on its own with code {gone.Process.ExitCode} while waiting for {what}.\n{_log.Tail()}");
        }
    }

    private Task DelayAsync(TimeSpan delay) => Polling.DelayAsync(delay, _cancellationToken);

    private void Fail(string failure)
    {
        _failures.Add(failure);
        Log("FAILURE: " + failure);
    }

    private void Log(string line) => _log.Write("[failover] " + line);
}

/// <summary>How long and how hard to run: <see cref="Deadline"/> bounds the kill loop.</summary>
internal sealed record FailoverRunOptions(int Kills, int Seed, TimeSpan Deadline, int Instances = 3, int LeaseSeconds = 5, int ListingsPerSite = 8);
