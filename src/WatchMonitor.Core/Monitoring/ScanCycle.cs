using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.State;
using WatchMonitor.Sites;

namespace WatchMonitor.Monitoring;

/// <summary>
/// One pass over every enabled site this instance holds the lease of, at most N at once. Each site runs in its own try/catch: a failing dealer is
/// logged and counted and never delays or breaks the others.
/// </summary>
public sealed partial class ScanCycle(
    IReadOnlyList<MonitoredSite> sites,
    IReadOnlyList<SiteAdapter> adapters,
    SiteScanner scanner,
    SiteStatusBoard statusBoard,
    LeaseKeeper leases,
    TimeProvider timeProvider,
    ILogger<ScanCycle> logger)
{
    public async Task<CycleReport> RunAsync(CycleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var startedAt = timeProvider.GetUtcNow();
        var results = new ConcurrentQueue<SiteScanResult>();
        var enabled = sites.Where(site => site.Enabled).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSites, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(enabled, parallel, async (site, token) =>
        {
            using var claim = leases.BeginScan(site.Key);
            if (claim is not null && await ScanOneAsync(site, settings, token).ConfigureAwait(false) is { } result)
            {
                results.Enqueue(result);
            }
        }).ConfigureAwait(false);
        if (results.Count > 1 && results.All(result => result.Unreachable))
        {
            Log.NothingReachable(logger, results.Count);
        }

        return new CycleReport(startedAt, timeProvider.GetUtcNow(), [.. results]) { Instance = leases.InstanceName, HeldSites = leases.HeldSites() };
    }

    /// <returns>Null when another instance took the site over before its results were committed.</returns>
    private async Task<SiteScanResult?> ScanOneAsync(MonitoredSite site, CycleSettings settings, CancellationToken cancellationToken)
    {
        var adapter = adapters.First(candidate => candidate.Site.Key == site.Key);
        try
        {
            var result = await scanner.ScanAsync(site, adapter, settings, cancellationToken).ConfigureAwait(false);
            statusBoard.RecordSuccess(site.Key, timeProvider.GetUtcNow(), result.ListingsFound);
            Log.SiteScanned(logger, site.Key, result.ListingsFound, result.NewListings);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SiteLeaseLostException)
        {
            leases.Lost(site.Key);
            return null;
        }
        catch (Exception exception)
        {
            var reason = Describe(exception);
            statusBoard.RecordFailure(site.Key, reason);
            var failures = statusBoard.Get(site.Key).ConsecutiveFailures;
            // An unreachable or broken site is expected weather, and an outbox that cannot be written was already logged with
            // its path and fix: one line says it all. Anything else keeps its stack trace.
            var expected = exception is HttpRequestException or PageFormatException or NoListingsException or IOException or UnauthorizedAccessException or System.Data.Common.DbException;
            if (IsUnreachable(exception))
            {
                Log.SiteUnreachable(logger, site.Key, reason, failures);
            }
            else
            {
                Log.SiteFailed(logger, site.Key, reason, failures, expected ? null : exception);
            }

            return new SiteScanResult(site.Key, 0, 0, 0, Failed: true, Baseline: false, reason) { NoListings = exception is NoListingsException, Unreachable = IsUnreachable(exception) };
        }
    }

    private static bool IsUnreachable(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError };

    private static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException or TimeoutException => "timed out",
        Polly.Timeout.TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
            exception.Message + ": the host name does not resolve (DNS)",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
            exception.Message + ": no connection",
        System.Data.Common.DbException => $"the state database could not record the scan ({exception.Message}); nothing of it was marked seen, so it is offered again next cycle. Check free disk space and that the monitor's user may write the database and its directory",
        _ => exception.Message,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: {ListingCount} listings, {NewCount} new")]
        public static partial void SiteScanned(ILogger logger, string site, int listingCount, int newCount);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: scan failed ({Reason}), {Failures} time(s) in a row; retried next cycle. If it keeps failing, open the listing URL in a browser: the site may be down or have changed.")]
        public static partial void SiteFailed(ILogger logger, string site, string reason, int failures, Exception? exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: scan failed, the site cannot be reached ({Reason}), {Failures} time(s) in a row; retried next cycle. Is this machine offline or its DNS broken? If only this site fails, check its URL.")]
        public static partial void SiteUnreachable(ILogger logger, string site, string reason, int failures);

        [LoggerMessage(Level = LogLevel.Warning, Message = "None of the {Sites} sites could be reached: this machine looks offline or cannot resolve host names. The monitor keeps trying every cycle and loses nothing; 'watchmon demo' shows it working without a network.")]
        public static partial void NothingReachable(ILogger logger, int sites);
    }
}
