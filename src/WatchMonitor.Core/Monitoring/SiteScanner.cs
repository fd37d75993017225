using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Currency;
using WatchMonitor.Listings;
using WatchMonitor.Monitoring.Leases;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.Parsing;
using WatchMonitor.Sites;
using WatchMonitor.State;

namespace WatchMonitor.Monitoring;

/// <summary>
/// Scans one site once: fetch, find what is new, enrich, convert, then record the page, the new listings and the
/// messages that announce them in one transaction, so a listing counts as seen exactly when its message is queued.
/// A destination that is not accepting or whose queue is full refuses only its own listings: they stay unseen and
/// are offered again next cycle.
/// </summary>
public sealed partial class SiteScanner(
    IPageFetcher fetcher,
    SeenListings seenListings,
    IDestinationStatus destinations,
    IDeliveryWaker waker,
    ExchangeRateProvider exchangeRates,
    RouteTable routes,
    LeaseKeeper leases,
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
        var baseline = !seenListings.HasState(site.Key) && !settings.NotifyExisting;
        var seen = seenListings.FindSeen(site.Key, listings.SelectMany(listing => listing.KnownIds()).Concat(PossibleTwinIds(listings)));
        var onPage = ListingTwins.Resolve(
            listings,
            listing => listing.KnownIds().Any(seen.Contains),
            seen.Contains,
            url => seenListings.LastKnownPriceForUrl(site.Key, url) is not null);
        var commit = new ScanCommit(site.Key, now) { StillHeld = (connection, transaction) => leases.ConfirmHeld(connection, transaction, site.Key) };
        var fresh = new List<Listing>();
        foreach (var listing in onPage)
        {
            listing.DetectedAt = now;
            if (listing.KnownIds().Any(seen.Contains))
            {
                // Refreshing recency keeps still-listed ids from ever being trimmed; recording the corrected id
                // migrates a listing first seen under the Python monitor's id.
                commit.StillListed.Add(Record(site, listing));
            }
            else
            {
                fresh.Add(listing);
            }
        }

        if (baseline)
        {
            commit.Added.AddRange(fresh.Select(listing => new NewSeenListing(Record(site, listing), "baseline")));
            seenListings.Commit(commit);
            Log.Baseline(logger, site.Key, fresh.Count);
            return new SiteScanResult(site.Key, listings.Count, 0, 0, Failed: false, Baseline: true);
        }

        if (fresh.Count > 0)
        {
            await EnrichAsync(site, adapter, fresh, settings, cancellationToken).ConfigureAwait(false);
        }

        var offered = AddFresh(site, fresh, commit);
        var result = seenListings.Commit(commit);
        if (result.Queued > 0)
        {
            foreach (var destination in offered.Destinations)
            {
                waker.Wake(destination);
            }
        }

        foreach (var (destination, refused) in offered.NotAccepting)
        {
            Log.DestinationNotAccepting(logger, site.Key, destination, refused);
        }

        if (result.Refused > 0)
        {
            Log.QueueFull(logger, site.Key, result.Refused, options.MaxOutboxEntries);
        }

        return new SiteScanResult(site.Key, listings.Count, fresh.Count, result.Queued, Failed: false, Baseline: false);
    }

    // Only listings sharing an id with another on the page can be twins; their URL-qualified ids join the one query.
    private static IEnumerable<string> PossibleTwinIds(IReadOnlyList<Listing> listings) =>
        listings.GroupBy(listing => listing.CompositeId, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group.Select(listing => listing.TwinId));

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

    private (HashSet<string> Destinations, Dictionary<string, int> NotAccepting) AddFresh(MonitoredSite site, List<Listing> fresh, ScanCommit commit)
    {
        var offeredTo = new HashSet<string>(StringComparer.Ordinal);
        var notAccepting = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var listing in fresh)
        {
            var record = Record(site, listing);
            if (BuildEvent(site, listing) is not var (kind, routedKind, notification, previous))
            {
                commit.Added.Add(new NewSeenListing(record, "edited"));
                continue;
            }

            var matches = options.EnableNotifications ? routes.Match(RoutedListing.From(listing), routedKind) : [];
            if (matches.Count == 0)
            {
                Log.NotificationToLog(logger, site.Key, kind, notification.Headline, listing.PriceDisplay ?? "❓", listing.Url);
                commit.Added.Add(new NewSeenListing(record, "logged", PreviousPrice: previous));
                continue;
            }

            var payload = notification.ToJson();
            var messages = new List<OutgoingMessage>(matches.Count);
            var digests = new List<PendingDigestEntry>();
            var held = false;
            foreach (var match in matches)
            {
                var key = match.Destination.Key;
                if (match.Route.Digest is not null)
                {
                    digests.Add(new PendingDigestEntry(match.Route.Name, key, $"{kind}:{listing.CompositeId}",
                        new DigestLine(notification.Headline, NotificationText.Summary(notification), notification.SiteName, listing.Url)));
                    continue;
                }

                if (!destinations.IsAccepting(key))
                {
                    // The others get it now; this one is offered it again next cycle, the listing staying unseen.
                    notAccepting[match.Destination.Masked] = notAccepting.GetValueOrDefault(match.Destination.Masked) + 1;
                    held = true;
                    continue;
                }

                messages.Add(OutgoingMessage.ForListing(key, site.Key, listing.CompositeId, kind, payload));
                offeredTo.Add(key);
            }

            commit.Added.Add(new NewSeenListing(record, "queued", messages, previous) { Held = held, Digests = digests });
        }

        return (offeredTo, notAccepting);
    }

    private static ListingRecord Record(MonitoredSite site, Listing listing) =>
        ListingRecord.From(listing, OriginalPrice(listing), OriginalCurrency(listing, site));

    /// <returns>The event to announce, or null when the URL is already known at this very price (nothing new to say).</returns>
    private (NotificationKind Kind, ListingEventKind RoutedKind, NotificationEvent Event, decimal? PreviousPrice)? BuildEvent(MonitoredSite site, Listing listing)
    {
        if (seenListings.LastKnownPriceForUrl(site.Key, listing.Url) is not { } known)
        {
            return (NotificationKind.NewListing, ListingEventKind.New, NotificationEvent.ForListing(EventKinds.New, listing, site.Definition), null);
        }

        var price = OriginalPrice(listing);
        if (known.Price == price)
        {
            // Same page, same price, new id: the dealer edited the title or reference. Not a new watch.
            Log.EditedListing(logger, site.Key, listing.Url);
            return null;
        }

        var knownCurrency = known.Currency ?? site.Definition.Currency;
        // A converted listing (Tropical Watch, USD shown in EUR) states its old price at the same rate, so the
        // message does not read "$12.450 → €11.918".
        var converted = listing.OriginalPrice is { } original && original != 0m && listing.Price is { } shown
            && known.Price is { } old && knownCurrency == site.Definition.Currency
            ? old * shown / original
            : (decimal?)null;
        var before = converted is { } amount ? PriceDisplay.Format(amount, listing.Currency) : PriceDisplay.Format(known.Price, knownCurrency);
        var routedKind = listing.PriceDisplay is null ? ListingEventKind.Sold : ListingEventKinds.ForPriceChange(known.Price, price);
        var eventKind = routedKind switch
        {
            ListingEventKind.Sold => EventKinds.Sold,
            ListingEventKind.PriceDrop => EventKinds.PriceDrop,
            _ => EventKinds.PriceRise,
        };
        var notification = NotificationEvent.ForListing(eventKind, listing, site.Definition, before, converted ?? known.Price, known.CompositeId);
        return (NotificationKind.PriceChange, routedKind, notification, known.Price);
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
        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: first scan of this site, so its {ListingCount} current listings are recorded as known without alerting (baseline); from the next cycle on, every new listing is alerted. Start with --notify-existing to alert the current ones too.")]
        public static partial void Baseline(ILogger logger, string site, int listingCount);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: {Count} detail page(s) could not be read (first: {Url}: {Reason}); alerting those listings with the listing-page data. If it happens every cycle, save that page and check it with 'watchmon parse --detail'.")]
        public static partial void DetailsFailed(ILogger logger, string site, int count, string url, string reason, Exception? exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: {Count} item(s) of the listing page could not be parsed and were skipped this cycle (first: {Item}); the other listings are processed. If it persists, save the listing page and check it with 'watchmon parse --listing'.")]
        public static partial void ItemsSkipped(ILogger logger, string site, int count, string item, Exception exception);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: {Url} changed its title or reference at the same price; recorded without an alert")]
        public static partial void EditedListing(ILogger logger, string site, string url);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: a destination's queue is full ({MaxEntries} messages, MAX_OUTBOX_ENTRIES per destination), {Refused} new listing(s) were not queued there; they are offered again next cycle. Messages to it are not being delivered: check it (watchmon validate, watchmon notify-test) or raise MAX_OUTBOX_ENTRIES.")]
        public static partial void QueueFull(ILogger logger, string site, int refused, int maxEntries);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: its destination {Destination} is not taking messages (it answered it is gone), {Refused} new listing(s) were not queued for it; they are offered again next cycle. Fix its URL (watchmon validate, watchmon notify-test).")]
        public static partial void DestinationNotAccepting(ILogger logger, string site, string destination, int refused);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: alert ({Kind}): {Title}, {Price}, {Url} (logged, not posted: no route or webhook takes it, or ENABLE_NOTIFICATIONS=false)")]
        public static partial void NotificationToLog(ILogger logger, string site, NotificationKind kind, string title, string price, string url);
    }
}
