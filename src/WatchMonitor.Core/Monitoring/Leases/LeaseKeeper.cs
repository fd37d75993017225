using System.Data.Common;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring.Leases;

/// <summary>
/// Decides which sites this instance scans. Each <see cref="Refresh"/> round, in one transaction: heartbeat, renew
/// the leases held, count the live instances, give back leases above the fair share (ceil(sites / live instances),
/// never a site being scanned) and take free ones up to it, those held before first, then by key.
/// </summary>
public sealed partial class LeaseKeeper
{
    private readonly Lock _gate = new();
    private readonly SiteLeases _leases;
    private readonly LeaseSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LeaseKeeper> _logger;
    private readonly string[] _siteKeys;
    private readonly HashSet<string> _heldBefore = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scanning = new(StringComparer.Ordinal);
    private HashSet<string> _held = new(StringComparer.Ordinal);
    private DateTimeOffset? _joinedAt;
    private LeaseView? _view;
    private bool _stopped;

    public LeaseKeeper(SiteLeases leases, IReadOnlyList<MonitoredSite> sites, LeaseSettings settings, TimeProvider timeProvider, ILogger<LeaseKeeper> logger)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _leases = leases;
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
        _siteKeys = [.. sites.Where(site => site.Enabled).Select(site => site.Key).Order(StringComparer.Ordinal)];
    }

    public LeaseSettings Settings => _settings;

    public string InstanceName => _settings.InstanceName;

    /// <summary>True once a round has run: from then on the background renewals run too.</summary>
    public bool Joined
    {
        get
        {
            lock (_gate)
            {
                return _joinedAt is not null && !_stopped;
            }
        }
    }

    /// <summary>The last round's view of every configured site; null before the first round.</summary>
    public LeaseView? View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    public IReadOnlyList<string> HeldSites()
    {
        lock (_gate)
        {
            return [.. _held.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>One lease round. Database trouble is logged and leaves the held set as it was (each commit re-checks its lease).</summary>
    /// <returns>False when the round could not be written.</returns>
    public bool Refresh()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            var now = _timeProvider.GetUtcNow();
            var joinedAt = _joinedAt ?? now;
            Round round;
            try
            {
                round = _leases.InTransaction(transaction => RunRound(transaction, now, joinedAt, firstRound: _joinedAt is null));
            }
            catch (DbException exception)
            {
                Log.RoundFailed(_logger, _settings.InstanceName, exception.Message);
                return false;
            }

            _joinedAt = joinedAt;
            foreach (var site in _held.Where(site => !round.Held.Contains(site) && !round.Released.Contains(site)))
            {
                Log.TakenOver(_logger, site, _settings.InstanceName);
            }

            if (round.Acquired.Count > 0 || round.Released.Count > 0)
            {
                var held = string.Join(", ", round.Held.Order(StringComparer.Ordinal));
                var acquired = string.Join(", ", round.Acquired);
                var released = string.Join(", ", round.Released);
                Log.Changed(_logger, _settings.InstanceName, round.LiveInstances, round.Share, held, acquired, released);
            }

            _held = round.Held;
            _heldBefore.UnionWith(round.Held);
            _view = round.View;
            return true;
        }
    }

    /// <summary>Marks the site as being scanned, so no round gives it away meanwhile; null when this instance does not hold it.</summary>
    public IDisposable? BeginScan(string siteKey)
    {
        lock (_gate)
        {
            if (!_held.Contains(siteKey) || !_scanning.Add(siteKey))
            {
                return null;
            }

            return new ScanClaim(this, siteKey);
        }
    }

    /// <summary>
    /// Inside a scan's commit transaction: whether this instance still holds the site, renewing its lease. Takes no
    /// lock of the keeper, since the commit already holds the database's write gate a round waits for.
    /// </summary>
    public bool ConfirmHeld(DbConnection connection, DbTransaction transaction, string siteKey)
    {
        var now = _timeProvider.GetUtcNow();
        return SiteLeases.ConfirmHeld(connection, transaction, siteKey, _settings.InstanceName, now, now + _settings.LeaseDuration);
    }

    /// <summary>A commit found the site taken over: it is dropped from the held set until a round takes it again.</summary>
    public void Lost(string siteKey)
    {
        lock (_gate)
        {
            if (_held.Remove(siteKey))
            {
                Log.TakenOver(_logger, siteKey, _settings.InstanceName);
            }
        }
    }

    /// <summary>At a graceful stop: every lease is released and the instance row deleted, so the others take over at once.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            if (_joinedAt is null)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            try
            {
                _leases.InTransaction(transaction =>
                {
                    transaction.ReleaseAll(_settings.InstanceName, now);
                    transaction.ForgetInstance(_settings.InstanceName);
                    return true;
                });
                Log.Released(_logger, _settings.InstanceName, _held.Count);
            }
            catch (DbException exception)
            {
                Log.ReleaseFailed(_logger, _settings.InstanceName, exception.Message, _settings.LeaseDuration.TotalSeconds);
            }

            _held = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private Round RunRound(SiteLeaseTransaction transaction, DateTimeOffset now, DateTimeOffset joinedAt, bool firstRound)
    {
        var me = _settings.InstanceName;
        var expiresAt = now + _settings.LeaseDuration;
        var liveSince = now - _settings.LeaseDuration;
        if (firstRound && _settings.SoleInstance)
        {
            transaction.ForgetOtherInstances(me);
        }

        transaction.Heartbeat(me, joinedAt, now);
        transaction.ForgetSilentInstances(now - (_settings.LeaseDuration * 2));
        transaction.RenewAll(me, now, expiresAt);
        var live = transaction.ReadLiveInstances(liveSince).Select(instance => instance.Name).ToHashSet(StringComparer.Ordinal);
        var leases = transaction.ReadLeases().ToDictionary(lease => lease.Site, StringComparer.Ordinal);
        var configured = _siteKeys.ToHashSet(StringComparer.Ordinal);
        var share = _siteKeys.Length == 0 ? 0 : (_siteKeys.Length + live.Count - 1) / live.Count;

        var released = new List<string>();
        foreach (var lease in leases.Values.Where(lease => lease.Holder == me && lease.ExpiresAt > now && !configured.Contains(lease.Site)))
        {
            transaction.Release(lease.Site, me, now);
        }

        var held = _siteKeys.Where(site => leases.TryGetValue(site, out var lease) && lease.Holder == me && lease.ExpiresAt > now).ToHashSet(StringComparer.Ordinal);
        foreach (var site in held.Where(site => !_scanning.Contains(site)).Order(StringComparer.Ordinal).Reverse().Take(Math.Max(0, held.Count - share)).ToList())
        {
            transaction.Release(site, me, now);
            held.Remove(site);
            released.Add(site);
        }

        bool Orphaned(string site) => leases.TryGetValue(site, out var lease) && lease.Holder != me && !live.Contains(lease.Holder);

        var acquired = new List<string>();
        var free = _siteKeys
            .Where(site => !held.Contains(site) && !released.Contains(site))
            .Where(site => !leases.TryGetValue(site, out var lease) || lease.ExpiresAt <= now || lease.Holder == me || !live.Contains(lease.Holder))
            .OrderBy(site => Orphaned(site) ? 0 : 1)
            .ThenBy(site => _heldBefore.Contains(site) ? 0 : 1)
            .ThenBy(site => site, StringComparer.Ordinal);
        foreach (var site in free)
        {
            // A dead holder's sites are taken above the share, so a takeover does not wait for the live count to
            // catch up; the surplus goes back at a later round.
            if (held.Count >= share && !Orphaned(site))
            {
                continue;
            }

            if (transaction.TryAcquire(site, me, now, expiresAt, liveSince))
            {
                held.Add(site);
                acquired.Add(site);
            }
        }

        var after = transaction.ReadLeases().ToDictionary(lease => lease.Site, StringComparer.Ordinal);
        var view = new LeaseView(now, joinedAt, [.. _siteKeys.Select(site => State(site, after.GetValueOrDefault(site), now, joinedAt, live))]);
        return new Round(held, acquired, released, live.Count, share, view);
    }

    private static SiteLeaseState State(string site, SiteLease? lease, DateTimeOffset now, DateTimeOffset joinedAt, HashSet<string> live)
    {
        if (lease is null)
        {
            return new SiteLeaseState(site, null, null, null, joinedAt);
        }

        return lease.ExpiresAt > now && live.Contains(lease.Holder)
            ? new SiteLeaseState(site, lease.Holder, lease.AcquiredAt, lease.ExpiresAt, null)
            : new SiteLeaseState(site, null, null, lease.ExpiresAt, lease.ExpiresAt < now ? lease.ExpiresAt : now);
    }

    private void EndScan(string siteKey)
    {
        lock (_gate)
        {
            _scanning.Remove(siteKey);
        }
    }

    private sealed record Round(HashSet<string> Held, List<string> Acquired, List<string> Released, int LiveInstances, int Share, LeaseView View);

    private sealed class ScanClaim(LeaseKeeper keeper, string siteKey) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                keeper.EndScan(siteKey);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance}: {Live} live instance(s), fair share {Share} site(s); holding {Held} (took {Acquired}; gave back {Released})")]
        public static partial void Changed(ILogger logger, string instance, int live, int share, string held, string acquired, string released);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: another instance took over this site's lease from {Instance} (this one missed its renewals, e.g. paused or cut off from the database); its new holder scans it from now on. If it happens often, raise LEASE_SECONDS or check the instances' clocks (NTP).")]
        public static partial void TakenOver(ILogger logger, string site, string instance);

        [LoggerMessage(Level = LogLevel.Error, Message = "Instance {Instance}: the lease round could not be written to the state database ({Reason}); it keeps scanning the sites it held, each scan's commit checks its lease again. Check that the database is reachable and writable.")]
        public static partial void RoundFailed(ILogger logger, string instance, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Instance} stopped: its {Count} site lease(s) are released for the other instances")]
        public static partial void Released(ILogger logger, string instance, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Instance}: its leases could not be released at stop ({Reason}); the other instances take its sites over once they expire, within {Seconds} s.")]
        public static partial void ReleaseFailed(ILogger logger, string instance, string reason, double seconds);
    }
}
