using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Currency;
using WatchMonitor.Listings;
using WatchMonitor.Notifications;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Scans one site once: fetch, find what is new, enrich, convert, queue notifications, record as seen — in that
/// order, so an id counts as notified only after its message is persisted in the outbox. The seen store is written
/// once per cycle by <see cref="CycleRunner"/>, not per site.
/// </summary>
public sealed partial class SiteScanner(
    IPageFetcher fetcher,
    SeenStore seenStore,
    Outbox outbox,
    IDestinationStatus destinations,
    IDeliveryWaker waker,
    ExchangeRateProvider exchangeRates,
    ListingEmbedBuilder embedBuilder,
    MonitorOptions options,
    TimeProvider timeProvider,
    ILogger<SiteScanner> logger)
{
    public async Task<SiteScanResult> ScanAsync(MonitoredSite site, SiteAdapter adapter, CycleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(settings);

        var listings = await adapter.FetchListingsAsync(fetcher, site.Endpoints, cancellationToken).ConfigureAwait(false);
        if (listings.AllFailed)
        {
            throw new NoListingsException(
                $"every one of the {listings.SkippedCount} item(s) on the listing page failed to parse (first: {listings.FirstSkipped!.Describe()}): the layout may have changed. Save {site.Endpoints.ListingUrl} and check it with 'watchmon parse --site {site.Key} --listing <file>'",
                listings.FirstSkipped.Exception);
        }

        if (listings.Count == 0)
        {
            // A dealer's new-arrivals page is never empty in practice; an empty parse is a page we cannot read.
            throw new NoListingsException(
                $"the listing page loaded but held no listings: a bot-check or error page, another site's page, or a changed layout. Open {site.Endpoints.ListingUrl} in a browser");
        }

        if (listings.FirstSkipped is { } skipped)
        {
            Log.ItemsSkipped(logger, site.Key, listings.SkippedCount, skipped.Describe(), skipped.Exception);
        }

        var now = timeProvider.GetUtcNow();
        var baseline = !seenStore.HasState(site.Key) && !settings.NotifyExisting;
        var fresh = new List<Listing>();
        var onPage = ListingTwins.Resolve(
            listings,
            listing => IsSeen(site.Key, listing),
            id => seenStore.IsSeen(site.Key, id),
            url => seenStore.LastKnownPriceForUrl(site.Key, url) is not null);
        foreach (var listing in onPage)
        {
            listing.DetectedAt = now;
            if (IsSeen(site.Key, listing))
            {
                // Refreshing recency keeps still-listed ids from ever being trimmed; recording the corrected id
                // migrates a listing first seen under the reference's id.
                seenStore.Touch(site.Key, listing.KnownIds(), now);
                seenStore.MarkSeen(site.Key, listing.CompositeId, listing.Url, listing.Price, listing.Currency, now);
            }
            else
            {
                fresh.Add(listing);
            }
        }

        if (baseline)
        {
            foreach (var listing in fresh)
            {
                MarkSeen(site, listing, now);
            }

            Log.Baseline(logger, site.Key, fresh.Count);
            return new SiteScanResult(site.Key, listings.Count, 0, 0, Failed: false, Baseline: true);
        }

        if (fresh.Count > 0)
        {
            await EnrichAsync(site, adapter, fresh, settings, cancellationToken).ConfigureAwait(false);
        }

        var queued = await NotifyAsync(site, fresh, now, cancellationToken).ConfigureAwait(false);
        return new SiteScanResult(site.Key, listings.Count, fresh.Count, queued, Failed: false, Baseline: false);
    }

    private bool IsSeen(string siteKey, Listing listing)
    {
        foreach (var id in listing.KnownIds())
        {
            if (seenStore.IsSeen(siteKey, id))
            {
                return true;
            }
        }

        return false;
    }

    private async Task EnrichAsync(MonitoredSite site, SiteAdapter adapter, List<Listing> fresh, CycleSettings settings, CancellationToken cancellationToken)
    {
        if (settings.DetailScraping)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentDetails, CancellationToken = cancellationToken };
            var failures = new DetailFailures();
            await Parallel.ForEachAsync(fresh, parallel, async (listing, token) =>
            {
                try
                {
                    await adapter.FetchDetailsAsync(fetcher, listing, site.Endpoints, token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // The listing page already told us enough to alert; a broken detail page must not hide a new watch.
                    failures.Add(listing.Url, exception);
                }

                if (options.DetailPageDelay > TimeSpan.Zero)
                {
                    await Task.Delay(options.DetailPageDelay, timeProvider, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            if (failures.First is var (url, exception))
            {
                // Network trouble and unreadable pages are weather; anything else is a parser bug worth its stack trace.
                var expected = exception is HttpRequestException or PageFormatException or OperationCanceledException;
                Log.DetailsFailed(logger, site.Key, failures.Count, url, exception.Message, expected ? null : exception);
            }
        }

        if (options.EnableExchangeRateConversion && fresh.Exists(listing => listing.Currency == "USD"))
        {
            var rate = await exchangeRates.GetUsdToEurAsync(cancellationToken).ConfigureAwait(false);
            if (rate is { } usdToEur)
            {
                foreach (var listing in fresh)
                {
                    UsdToEurConverter.Convert(listing, usdToEur);
                }
            }
        }
    }

    private async Task<int> NotifyAsync(MonitoredSite site, List<Listing> fresh, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return 0;
        }

        var deliver = options.EnableNotifications && site.WebhookUrl is not null;
        if (deliver && !destinations.IsAccepting(site.Key))
        {
            // A stopped webhook would only pile up messages it cannot take: the listings stay unseen and are offered
            // again each cycle, so they are alerted once the webhook works again.
            Log.DestinationStopped(logger, site.Key, fresh.Count);
            return 0;
        }

        var entries = new List<OutboxEntry>(fresh.Count);
        var announced = new List<Listing>(fresh.Count);
        foreach (var listing in fresh)
        {
            if (BuildEmbed(site, listing) is not var (kind, embed))
            {
                MarkSeen(site, listing, now);
                continue;
            }

            if (deliver)
            {
                entries.Add(OutboxEntry.Create(site.Key, listing.CompositeId, kind, JsonSerializer.Serialize(embed, DiscordJsonContext.Default.DiscordEmbed), now));
                announced.Add(listing);
            }
            else
            {
                Log.NotificationToLog(logger, site.Key, kind, embed.Title ?? "", listing.PriceDisplay ?? "❓", listing.Url);
                MarkSeen(site, listing, now);
            }
        }

        // Persisted before the ids count as seen: a crash in between re-offers the listing next cycle, and the outbox
        // ignores an entry it already holds, so the watch is announced exactly once.
        var queued = entries.Count == 0 ? 0 : await outbox.EnqueueAsync(entries, cancellationToken).ConfigureAwait(false);
        if (queued > 0)
        {
            waker.Wake(site.Key);
        }

        for (var i = 0; i < queued; i++)
        {
            MarkSeen(site, announced[i], now);
        }

        if (queued < entries.Count)
        {
            Log.OutboxFull(logger, site.Key, entries.Count - queued);
        }

        return queued;
    }

    private void MarkSeen(MonitoredSite site, Listing listing, DateTimeOffset now) =>
        seenStore.MarkSeen(site.Key, listing.CompositeId, listing.Url, OriginalPrice(listing), OriginalCurrency(listing, site), now);

    /// <returns>The message to send, or null when the URL is already known at this very price (nothing new to say).</returns>
    private (OutboxEntryKind Kind, DiscordEmbed Embed)? BuildEmbed(MonitoredSite site, Listing listing)
    {
        if (seenStore.LastKnownPriceForUrl(site.Key, listing.Url) is not { } known)
        {
            return (OutboxEntryKind.NewListing, embedBuilder.BuildNewListing(listing, site.Definition));
        }

        if (known.Price == OriginalPrice(listing))
        {
            // Same page, same price, new id: the dealer edited the title or reference. Not a new watch.
            Log.EditedListing(logger, site.Key, listing.Url);
            return null;
        }

        var knownCurrency = known.Currency ?? site.Definition.Currency;
        // A converted listing (Tropical Watch, USD shown in EUR) states its old price at the same rate, so the
        // message does not read "$12.450 → €11.918".
        var before = listing.OriginalPrice is { } original && original != 0m && listing.Price is { } shown
            && known.Price is { } old && knownCurrency == site.Definition.Currency
            ? PriceDisplay.Format(old * shown / original, listing.Currency)
            : PriceDisplay.Format(known.Price, knownCurrency);
        return (OutboxEntryKind.PriceChange, embedBuilder.BuildPriceChange(listing, site.Definition, before));
    }

    // Prices are compared in the site's own currency, before any display conversion.
    private static decimal? OriginalPrice(Listing listing) => listing.OriginalPrice ?? listing.Price;

    private static string OriginalCurrency(Listing listing, MonitoredSite site) =>
        listing.OriginalPrice is null ? listing.Currency : site.Definition.Currency;

    /// <summary>Detail pages that failed in one scan: how many, and the first, for one log line per site and cycle.</summary>
    private sealed class DetailFailures
    {
        private readonly Lock _gate = new();

        public int Count { get; private set; }

        public (string Url, Exception Exception)? First { get; private set; }

        public void Add(string url, Exception exception)
        {
            lock (_gate)
            {
                First ??= (url, exception);
                Count++;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: no seen state yet, recorded {ListingCount} current listings as seen without alerting (baseline). Use 'watchmon run --notify-existing' to alert them instead.")]
        public static partial void Baseline(ILogger logger, string site, int listingCount);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: {Count} detail page(s) could not be read (first: {Url}: {Reason}); alerting those listings with the listing-page data. If it happens every cycle, save that page and check it with 'watchmon parse --detail'.")]
        public static partial void DetailsFailed(ILogger logger, string site, int count, string url, string reason, Exception? exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: {Count} item(s) of the listing page could not be parsed and were skipped this cycle (first: {Item}); the other listings are processed. If it persists, save the listing page and check it with 'watchmon parse --listing'.")]
        public static partial void ItemsSkipped(ILogger logger, string site, int count, string item, Exception exception);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: {Url} changed its title or reference at the same price; recorded without an alert")]
        public static partial void EditedListing(ILogger logger, string site, string url);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: the outbox is full, {Refused} new listing(s) were not queued; they are offered again next cycle. Check the webhook (watchmon validate) or raise MAX_OUTBOX_ENTRIES.")]
        public static partial void OutboxFull(ILogger logger, string site, int refused);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: the Discord webhook is stopped (see the error above); {Fresh} new listing(s) not queued, they are offered again each cycle until it works. Set a valid webhook URL and restart.")]
        public static partial void DestinationStopped(ILogger logger, string site, int fresh);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: {Kind} {Title} {Price} {Url} (no webhook configured or notifications off: logged instead of posted)")]
        public static partial void NotificationToLog(ILogger logger, string site, OutboxEntryKind kind, string title, string price, string url);
    }
}
