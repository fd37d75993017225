using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.State;

namespace WatchMonitor.Notifications;

/// <summary>
/// Drains the persisted outbox, one sequential sender per webhook. A message leaves the outbox only once Discord
/// confirmed it saved it; rate limits are waited out, transient failures retried with backoff and jitter.
/// </summary>
public sealed partial class OutboxDispatcher(
    Outbox outbox,
    DiscordWebhookClient client,
    IReadOnlyList<MonitoredSite> sites,
    SiteStatusBoard statusBoard,
    DeliveryCounters counters,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>
    /// How long a webhook that answered 401/403/404 rests before one probe post. Discord's answer is nearly always
    /// final, but a glitch or a proxy's 403 must not silence a site until someone restarts the monitor.
    /// </summary>
    public static readonly TimeSpan StoppedWebhookProbeInterval = TimeSpan.FromHours(1);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _probeStoppedAt = new(StringComparer.Ordinal);
    private DateTimeOffset _globalPauseUntil = DateTimeOffset.MinValue;

    /// <summary>Sends everything that is due; returns when the outbox holds nothing due or on cancellation.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var senders = sites
            .Where(site => site.WebhookUrl is not null && outbox.CountBySite().GetValueOrDefault(site.Key) > 0 && IsDue(site.Key))
            .Select(site => DrainSiteAsync(site, site.WebhookUrl!, cancellationToken));
        await Task.WhenAll(senders).ConfigureAwait(false);
    }

    private bool IsDue(string siteKey) =>
        !statusBoard.Get(siteKey).WebhookStopped
        || timeProvider.GetUtcNow() >= _probeStoppedAt.GetValueOrDefault(siteKey, DateTimeOffset.MinValue);

    private async Task DrainSiteAsync(MonitoredSite site, string webhookUrl, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitForGlobalPauseAsync(cancellationToken).ConfigureAwait(false);
            var due = outbox.PeekBatch(site.Key, DiscordLimits.EmbedsPerMessage);
            if (due.Count == 0)
            {
                return;
            }

            var embeds = due.Select(entry => JsonSerializer.Deserialize(entry.EmbedJson, DiscordJsonContext.Default.DiscordEmbed)!).ToList();
            var count = DiscordMessageBatcher.CountFittingInOneMessage(embeds);
            var batch = due.Take(count).ToList();
            if (!await SendAsync(site, webhookUrl, batch, embeds.GetRange(0, count), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> SendAsync(MonitoredSite site, string webhookUrl, List<OutboxEntry> batch, List<DiscordEmbed> embeds, CancellationToken cancellationToken)
    {
        var result = await client.PostAsync(webhookUrl, new DiscordMessage(embeds), cancellationToken).ConfigureAwait(false);
        if (result.Outcome == WebhookPostOutcome.Rejected && batch.Count > 1)
        {
            // One bad embed spoils the whole message; send them one by one so only that one is refused.
            for (var i = 0; i < batch.Count; i++)
            {
                if (!await SendAsync(site, webhookUrl, [batch[i]], [embeds[i]], cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }

        return await HandleAsync(site, batch, result, webhookUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Whether to keep draining this webhook now.</returns>
    private async Task<bool> HandleAsync(MonitoredSite site, List<OutboxEntry> batch, WebhookPostResult result, string webhookUrl, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case WebhookPostOutcome.Delivered:
                await PersistOrCarryOnAsync(token => outbox.AcknowledgeAsync([.. batch.Select(entry => entry.Id)], token), site.Key, cancellationToken).ConfigureAwait(false);
                counters.Sent(site.Key, batch.Count);
                if (statusBoard.Get(site.Key).WebhookStopped)
                {
                    statusBoard.SetWebhookStopped(site.Key, false);
                    var left = outbox.CountBySite().GetValueOrDefault(site.Key);
                    Log.WebhookBack(logger, site.Key, left);
                }

                if (result.RemainingInWindow == 0 && result.WindowResetAfter is { } reset)
                {
                    await Task.Delay(reset, timeProvider, cancellationToken).ConfigureAwait(false);
                }

                return true;

            case WebhookPostOutcome.RateLimited:
                var wait = result.RetryAfter ?? TimeSpan.FromSeconds(1);
                Log.RateLimited(logger, site.Key, wait.TotalSeconds, result.IsGlobalRateLimit);
                if (result.IsGlobalRateLimit)
                {
                    PauseAll(wait);
                }
                else
                {
                    await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                }

                return true;

            case WebhookPostOutcome.Rejected:
                Log.Rejected(logger, site.Key, batch[0].CompositeId, result.Reason ?? "");
                await PersistOrCarryOnAsync(token => outbox.AcknowledgeAsync([.. batch.Select(entry => entry.Id)], token), site.Key, cancellationToken).ConfigureAwait(false);
                counters.Failed(site.Key, batch.Count);
                return true;

            case WebhookPostOutcome.WebhookGone:
                var pending = outbox.CountBySite().GetValueOrDefault(site.Key);
                _probeStoppedAt[site.Key] = timeProvider.GetUtcNow() + StoppedWebhookProbeInterval;
                if (statusBoard.Get(site.Key).WebhookStopped)
                {
                    // A probe of a stopped webhook failed again: the first error said what to do, this only reminds.
                    Log.WebhookStillGone(logger, site.Key, result.StatusCode ?? 0, site.Definition.WebhookEnvironmentVariable, pending, StoppedWebhookProbeInterval.TotalMinutes);
                    return false;
                }

                statusBoard.SetWebhookStopped(site.Key, true);
                Log.WebhookGone(logger, site.Key, result.StatusCode ?? 0, SecretMasker.MaskWebhook(webhookUrl), site.Definition.WebhookEnvironmentVariable, pending, StoppedWebhookProbeInterval.TotalMinutes);
                return false;

            default:
                var attempts = batch.Max(entry => entry.Attempts) + 1;
                var backoff = Backoff(attempts);
                Log.Transient(logger, site.Key, result.StatusCode ?? 0, result.Reason ?? "", backoff.TotalSeconds);
                foreach (var entry in batch)
                {
                    await PersistOrCarryOnAsync(token => outbox.RecordFailureAsync(entry.Id, timeProvider.GetUtcNow() + backoff, token), site.Key, cancellationToken).ConfigureAwait(false);
                }

                counters.Failed(site.Key, 0);
                return false;
        }
    }

    /// <summary>
    /// The outbox changes in memory first; when its file cannot be written (disk full, read-only directory) the
    /// change still holds for this process, so a delivered message is not sent again, and the next write saves it.
    /// </summary>
    private async Task PersistOrCarryOnAsync(Func<CancellationToken, Task> change, string siteKey, CancellationToken cancellationToken)
    {
        try
        {
            await change(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.OutboxNotSaved(logger, siteKey);
        }
    }

    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 20)));
        // Jitter spreads retries of several webhooks so they do not hit Discord in lockstep after an outage.
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private void PauseAll(TimeSpan wait)
    {
        lock (_gate)
        {
            var until = timeProvider.GetUtcNow() + wait;
            if (until > _globalPauseUntil)
            {
                _globalPauseUntil = until;
            }
        }
    }

    private async Task WaitForGlobalPauseAsync(CancellationToken cancellationToken)
    {
        TimeSpan remaining;
        lock (_gate)
        {
            remaining = _globalPauseUntil - timeProvider.GetUtcNow();
        }

        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: the outbox file could not be updated after a delivery attempt (see the error above); the monitor carries on from memory. A restart before the next successful write may repeat that message once.")]
        public static partial void OutboxNotSaved(ILogger logger, string site);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: Discord rate limit, waiting {Seconds:F2} s (global: {Global})")]
        public static partial void RateLimited(ILogger logger, string site, double seconds, bool global);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: Discord refused the message for listing {CompositeId}: {Reason}. It is dropped, not retried; please report this with the reason.")]
        public static partial void Rejected(ILogger logger, string site, string compositeId, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: Discord webhook {Webhook} answered {Status}: it was deleted or its token is wrong. Delivery to it is stopped; {Pending} message(s) stay queued. Set a valid {Variable} and restart. Until then one message is tried every {Minutes:F0} min, in case Discord's answer was a glitch.")]
        public static partial void WebhookGone(ILogger logger, string site, int status, string webhook, string variable, int pending, double minutes);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: the stopped Discord webhook still answers {Status}; {Pending} message(s) stay queued. Set a valid {Variable} and restart; next try in {Minutes:F0} min.")]
        public static partial void WebhookStillGone(ILogger logger, string site, int status, string variable, int pending, double minutes);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: the stopped Discord webhook accepts messages again; delivering the {Pending} queued message(s).")]
        public static partial void WebhookBack(ILogger logger, string site, int pending);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Site}: Discord delivery failed (status {Status}: {Reason}); retrying in {Seconds:F0} s. Messages stay queued.")]
        public static partial void Transient(ILogger logger, string site, int status, string reason, double seconds);
    }
}
