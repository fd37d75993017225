using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Configuration;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Delivery;

namespace WatchMonitor.Notifications;

/// <summary>
/// Drains each site's queue of the persisted outbox, one sequential sender per webhook. A message leaves its queue
/// only once Discord confirmed it saved it; rate limits are waited out, transient failures retried with backoff and
/// jitter, and a message Discord refuses for good or that cannot be read goes to the dead letters with the reason.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDeliveryOutbox outbox,
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
        var senders = new List<Task>();
        foreach (var site in sites)
        {
            if (site.WebhookUrl is not null && IsDue(site.Key) && await outbox.CountAsync(site.Key, cancellationToken).ConfigureAwait(false) > 0)
            {
                senders.Add(DrainSiteAsync(site, site.WebhookUrl, cancellationToken));
            }
        }

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
            var due = await outbox.PeekDueAsync(site.Key, timeProvider.GetUtcNow(), DiscordLimits.EmbedsPerMessage, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return;
            }

            if (await DeadLetterUnreadableAsync(site, due, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var embeds = due.Select(message => Parse(message.PayloadJson)!).ToList();
            var count = DiscordMessageBatcher.CountFittingInOneMessage(embeds);
            var batch = due.Take(count).ToList();
            if (!await SendAsync(site, webhookUrl, batch, embeds.GetRange(0, count), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <returns>Whether any message of <paramref name="due"/> was unreadable (and is now a dead letter).</returns>
    private async Task<bool> DeadLetterUnreadableAsync(MonitoredSite site, IReadOnlyList<QueuedMessage> due, CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var message in due)
        {
            if (Parse(message.PayloadJson) is null)
            {
                Log.Unreadable(logger, site.Key, message.Id);
                await PersistOrCarryOnAsync(token => outbox.DeadLetterAsync(message.Id, "the stored message is not a readable Discord embed", token), site.Key, cancellationToken).ConfigureAwait(false);
                counters.Failed(site.Key, 1);
                any = true;
            }
        }

        return any;
    }

    private static DiscordEmbed? Parse(string payloadJson)
    {
        try
        {
            return JsonSerializer.Deserialize(payloadJson, DiscordJsonContext.Default.DiscordEmbed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<bool> SendAsync(MonitoredSite site, string webhookUrl, List<QueuedMessage> batch, List<DiscordEmbed> embeds, CancellationToken cancellationToken)
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
    private async Task<bool> HandleAsync(MonitoredSite site, List<QueuedMessage> batch, WebhookPostResult result, string webhookUrl, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case WebhookPostOutcome.Delivered:
                await PersistOrCarryOnAsync(token => outbox.AcknowledgeAsync(site.Key, [.. batch.Select(message => new DeliveredMessage(message.Id, null))], token), site.Key, cancellationToken).ConfigureAwait(false);
                counters.Sent(site.Key, batch.Count);
                if (statusBoard.Get(site.Key).WebhookStopped)
                {
                    statusBoard.SetWebhookStopped(site.Key, false);
                    var left = await outbox.CountAsync(site.Key, cancellationToken).ConfigureAwait(false);
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
                await PersistOrCarryOnAsync(token => outbox.DeadLetterAsync(batch[0].Id, "Discord refused it: " + (result.Reason ?? "no reason given"), token), site.Key, cancellationToken).ConfigureAwait(false);
                counters.Failed(site.Key, batch.Count);
                return true;

            case WebhookPostOutcome.WebhookGone:
                var pending = await outbox.CountAsync(site.Key, cancellationToken).ConfigureAwait(false);
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
                var attempts = batch.Max(message => message.Attempts) + 1;
                var backoff = Backoff(attempts);
                Log.Transient(logger, site.Key, result.StatusCode ?? 0, result.Reason ?? "", backoff.TotalSeconds);
                await PersistOrCarryOnAsync(token => outbox.RecordFailureAsync([.. batch.Select(message => message.Id)], timeProvider.GetUtcNow() + backoff, token), site.Key, cancellationToken).ConfigureAwait(false);

                counters.Failed(site.Key, 0);
                return false;
        }
    }

    /// <summary>
    /// A queue change that cannot be committed (disk full, read-only directory) must not stop delivery to the other
    /// webhooks; the message stays queued, so the worst case is that it is sent once more.
    /// </summary>
    private async Task PersistOrCarryOnAsync(Func<CancellationToken, Task> change, string siteKey, CancellationToken cancellationToken)
    {
        try
        {
            await change(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Log.OutboxNotSaved(logger, siteKey, exception.Message);
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
        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: the state database could not record a delivery attempt ({Reason}); the message stays queued and may be sent once more. Check free disk space and that the monitor's user may write the database and its directory.")]
        public static partial void OutboxNotSaved(ILogger logger, string site, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: queued message {MessageId} is not a readable Discord embed; it was moved to the dead letters. Please report this.")]
        public static partial void Unreadable(ILogger logger, string site, long messageId);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Site}: Discord rate limit, waiting {Seconds:F2} s (global: {Global})")]
        public static partial void RateLimited(ILogger logger, string site, double seconds, bool global);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Site}: Discord refused the message for listing {CompositeId}: {Reason}. It is moved to the dead letters, not retried; please report this with the reason.")]
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
