namespace WatchMonitor.FakeSites.Faults;

/// <summary>
/// The active faults. Rules for one (site, route) apply in the order they were added: "503 twice, then a 2 s
/// delay once" is two <see cref="Add"/> calls. A rule without a site applies to every site. Thread-safe, bounded.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>Most rules held at once; a scenario that needs more is a runaway loop.</summary>
    public const int MaxRules = 256;

    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _holdWaiters = [];
    private long _injected;
    private int _holds;

    /// <summary>Faults served so far.</summary>
    public long InjectedCount => Interlocked.Read(ref _injected);

    /// <summary>
    /// Waits on the server's clock so far: one per delayed answer, one per pause of a slow drip. Each is counted once
    /// its timer is set, so a test on a fake clock can advance the clock from then on.
    /// </summary>
    public int HoldCount
    {
        get
        {
            lock (_gate)
            {
                return _holds;
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="count"/> waits in all (<see cref="HoldCount"/>) have begun: the signal a test
    /// on a fake clock waits for before it advances the clock or checks what a held request does.
    /// </summary>
    public Task WaitForHoldsAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_holds >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holdWaiters.Add((count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    internal void RecordHold()
    {
        lock (_gate)
        {
            _holds++;
            for (var i = _holdWaiters.Count - 1; i >= 0; i--)
            {
                if (_holdWaiters[i].Count <= _holds)
                {
                    _holdWaiters[i].Reached.TrySetResult();
                    _holdWaiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Adds a rule. <paramref name="siteKey"/> null = all sites; ignored for the exchange-rate route.</summary>
    public void Add(FaultRoute route, Fault fault, string? siteKey = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Times is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fault), "Times must be at least 1 (or null for permanent).");
        }

        lock (_gate)
        {
            if (_rules.Count >= MaxRules)
            {
                throw new InvalidOperationException($"More than {MaxRules} fault rules; clear some first.");
            }

            _rules.Add(new Rule(route == FaultRoute.ExchangeRate ? null : siteKey, route, fault, fault.Times));
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Removes the rules of one route (and, when given, one site; otherwise of all sites).</summary>
    public void Clear(FaultRoute route, string? siteKey = null)
    {
        lock (_gate)
        {
            _rules.RemoveAll(rule => rule.Route == route && (siteKey is null || rule.SiteKey == siteKey));
        }
    }

    /// <summary>Active rules, for the scenario API.</summary>
    public IReadOnlyList<ActiveFault> Snapshot()
    {
        lock (_gate)
        {
            return _rules.Select(rule => new ActiveFault(rule.SiteKey, rule.Route, rule.Fault, rule.Remaining)).ToArray();
        }
    }

    /// <summary>The fault for this request, consuming one use of it; null when the request is served normally.</summary>
    public Fault? Take(FaultRoute route, string? siteKey)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(rule => rule.Route == route && (rule.SiteKey is null || rule.SiteKey == siteKey));
            if (index < 0)
            {
                return null;
            }

            var rule = _rules[index];
            if (rule.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _rules.RemoveAt(index);
                }
                else
                {
                    _rules[index] = rule with { Remaining = remaining - 1 };
                }
            }

            Interlocked.Increment(ref _injected);
            return rule.Fault;
        }
    }

    private sealed record Rule(string? SiteKey, FaultRoute Route, Fault Fault, int? Remaining);
}

/// <summary>A rule as the scenario API shows it; <c>Remaining</c> null = permanent.</summary>
public sealed record ActiveFault(string? SiteKey, FaultRoute Route, Fault Fault, int? Remaining);
