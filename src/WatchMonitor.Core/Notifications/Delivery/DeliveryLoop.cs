using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WatchMonitor.Monitoring;
using WatchMonitor.Notifications.Channels;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;

namespace WatchMonitor.Notifications.Delivery;

/// <summary>
/// Delivers one destination's queue, for as long as the host runs, independently of the scan and of every other
/// destination. Its <see cref="IChannelSender"/> formats and posts; the loop is the same for every channel. A message
/// leaves the queue only once the destination confirmed it. Between posts the loop sleeps until the next message
/// falls due or it is woken: pacing by Discord's X-RateLimit headers, 429s waited out (a global one pauses every
/// destination of that service), transient failures retried with bounded exponential backoff and jitter, and a
/// destination that answers it is gone (401/403/404) stopped and probed hourly. A message that can never be
/// delivered (unreadable, or refused with 4xx on its own) goes to the dead letters with the reason.
/// </summary>
public sealed partial class DeliveryLoop(
    DeliveryDestination destination,
    DestinationBoard board,
    IDeliveryOutbox outbox,
    IChannelSender sender,
    SiteStatusBoard statusBoard,
    DeliveryCounters counters,
    TimeProvider timeProvider,
    ILogger<DeliveryLoop> logger)
{
    /// <summary>
    /// How long a webhook that answered 401/403/404 rests before one probe post. Discord's answer is nearly always
    /// final, but a glitch or a proxy's 403 must not silence a site until someone restarts the monitor.
    /// </summary>
    public static readonly TimeSpan StoppedWebhookProbeInterval = TimeSpan.FromHours(1);

    /// <summary>The longest backoff after transient failures in a row.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    private DateTimeOffset _holdUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _probeAt = DateTimeOffset.MinValue;
    private int _failures;

    private string Key => destination.Key;

    private string Label => destination.Label;

    /// <summary>Runs until <paramref name="stopping"/>; <paramref name="abort"/> cuts a post in flight short.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            await board.WhenStateReadyAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            destination.EndSleep();
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stopping, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // A broken store or an unexpected answer must not end delivery for good: back off and look again.
                var backoff = Backoff(++_failures);
                Log.PassFailed(logger, exception, Label, backoff.TotalSeconds);
                _holdUntil = Now + backoff;
                destination.SetBackingOff(true);
                destination.SetState(DestinationState.Waiting, _holdUntil, exception.Message);
            }
        }

        destination.EndSleep();
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private async Task PassAsync(CancellationToken stopping, CancellationToken abort)
    {
        var now = Now;
        var stopped = destination.IsStopped;
        var hold = Latest(_holdUntil, board.GlobalPauseUntil(destination.Kind), stopped ? _probeAt : DateTimeOffset.MinValue);
        if (hold > now)
        {
            // Pacing after the last message of a burst holds back nothing: with an empty queue the destination is idle.
            var pending = await RefreshCountsAsync(now, abort).ConfigureAwait(false);
            destination.SetState(
                stopped ? DestinationState.Stopped : pending == 0 ? DestinationState.Idle : DestinationState.Waiting,
                stopped || pending > 0 ? hold : null);
            await SleepAsync(hold, stopping).ConfigureAwait(false);
            return;
        }

        var due = await outbox.PeekDueAsync(Key, now, stopped ? 1 : DiscordLimits.EmbedsPerMessage, abort).ConfigureAwait(false);
        if (due.Count == 0)
        {
            var next = await outbox.NextAttemptAtAsync(Key, abort).ConfigureAwait(false);
            if (stopped && next is null)
            {
                // Nothing left to probe with: accept new messages again, the next one is the probe.
                Resume(pending: 0);
            }

            destination.SetState(stopped && next is not null ? DestinationState.Stopped : DestinationState.Idle, next);
            await RefreshCountsAsync(now, abort).ConfigureAwait(false);
            await SleepAsync(outbox.IdlePoll is { } poll && (next is null || next > now + poll) ? now + poll : next, stopping).ConfigureAwait(false);
            return;
        }

        destination.SetState(DestinationState.Delivering, now);
        await DeliverAsync(due, abort).ConfigureAwait(false);
        await RefreshCountsAsync(Now, abort).ConfigureAwait(false);
    }

    private async Task DeliverAsync(IReadOnlyList<QueuedMessage> due, CancellationToken abort)
    {
        var readable = new List<PendingNotification>(due.Count);
        foreach (var message in due)
        {
            var pending = Decode(message);
            if (sender.CanSend(pending))
            {
                readable.Add(pending);
            }
            else
            {
                Log.Unreadable(logger, Label, message.Id, message.CompositeId, message.Format);
                await DeadLetterAsync(message, pending.Event is null && pending.LegacyEmbed is null
                    ? "its stored payload is not a readable Discord embed or notification event"
                    : "its stored payload is a Discord embed of an earlier version, which only a Discord webhook takes").ConfigureAwait(false);
            }
        }

        if (readable.Count == 0)
        {
            return;
        }

        await SendAsync(readable.GetRange(0, Math.Clamp(sender.CountForOnePost(destination, readable), 1, readable.Count)), abort).ConfigureAwait(false);
    }

    private static PendingNotification Decode(QueuedMessage message)
    {
        if (message.Format == NotificationEvent.Format)
        {
            return new PendingNotification(message, NotificationEvent.TryRead(message.PayloadJson), null);
        }

        try
        {
            return new PendingNotification(message, null, JsonSerializer.Deserialize(message.PayloadJson, DiscordJsonContext.Default.DiscordEmbed));
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException)
        {
            return new PendingNotification(message, null, null);
        }
    }

    /// <returns>Whether to go on posting now.</returns>
    private async Task<bool> SendAsync(List<PendingNotification> batch, CancellationToken abort)
    {
        var result = await sender.SendAsync(destination, batch, abort).ConfigureAwait(false);
        if (result.Outcome == WebhookPostOutcome.Rejected && batch.Count > 1)
        {
            // One bad message spoils the whole post; send them one by one so only that one is refused.
            foreach (var pending in batch)
            {
                if (!await SendAsync([pending], abort).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }

        return await HandleAsync([.. batch.Select(pending => pending.Message)], [.. batch.Select(Headline)], result).ConfigureAwait(false);
    }

    private static string Headline(PendingNotification pending) => pending.Event?.Headline ?? pending.LegacyEmbed?.Title ?? "(untitled)";

    private async Task<bool> HandleAsync(List<QueuedMessage> batch, List<string> headlines, WebhookPostResult result)
    {
        var now = Now;
        switch (result.Outcome)
        {
            case WebhookPostOutcome.Delivered:
                // Recorded even when the host is stopping: Discord has the message, sending it again would repeat it.
                await CarryOnAsync(token => outbox.AcknowledgeAsync(Key, [.. batch.Select(message => new DeliveredMessage(message.Id, result.MessageId))], token)).ConfigureAwait(false);
                foreach (var site in batch.GroupBy(message => message.SiteKey, StringComparer.Ordinal))
                {
                    counters.Sent(site.Key, Label, site.Count());
                }

                foreach (var headline in headlines)
                {
                    Log.Delivered(logger, Label, headline);
                }

                destination.RecordDelivered(now);
                destination.SetBackingOff(false);
                _failures = 0;
                if (destination.IsStopped)
                {
                    Resume(await outbox.CountAsync(Key, CancellationToken.None).ConfigureAwait(false));
                }

                if (result.RemainingInWindow == 0 && result.WindowResetAfter is { } reset)
                {
                    _holdUntil = now + reset;
                    return false;
                }

                return true;

            case WebhookPostOutcome.RateLimited:
                var wait = result.RetryAfter ?? TimeSpan.FromSeconds(1);
                Log.RateLimited(logger, Label, Service, wait.TotalSeconds, result.IsGlobalRateLimit);
                if (result.IsGlobalRateLimit)
                {
                    board.PauseAll(destination.Kind, now + wait);
                }
                else
                {
                    _holdUntil = now + wait;
                }

                destination.SetState(DestinationState.Waiting, now + wait, Invariant($"rate limited by {Service} for {wait.TotalSeconds:F2} s"));
                return false;

            case WebhookPostOutcome.Rejected:
                Log.Rejected(logger, Label, Service, batch[0].CompositeId, result.StatusCode ?? 0, Shorten(result.Reason));
                await DeadLetterAsync(batch[0], Invariant($"{Service} refused it with {result.StatusCode ?? 0}: {Shorten(result.Reason)}")).ConfigureAwait(false);
                counters.Failed(batch[0].SiteKey, Label, 1);
                return true;

            case WebhookPostOutcome.WebhookGone:
                _probeAt = now + StoppedWebhookProbeInterval;
                var pending = await outbox.CountAsync(Key, CancellationToken.None).ConfigureAwait(false);
                counters.FailedAttempt(Label);
                var error = Invariant($"{Service} answered {result.StatusCode ?? 0}: destination deleted or token wrong; set a valid {destination.WebhookVariable} and restart");
                if (destination.IsStopped)
                {
                    // A probe of a stopped webhook failed again: the first error said what to do, this only reminds.
                    Log.WebhookStillGone(logger, Label, Service, result.StatusCode ?? 0, destination.WebhookVariable, pending, StoppedWebhookProbeInterval.TotalMinutes);
                }
                else
                {
                    destination.SetStopped(true);
                    SetSitesStopped(true);
                    Log.WebhookGone(logger, Label, Service, destination.Address.Masked, result.StatusCode ?? 0, destination.WebhookVariable, pending, StoppedWebhookProbeInterval.TotalMinutes);
                }

                destination.SetState(DestinationState.Stopped, _probeAt, error);
                return false;

            default:
                var backoff = Backoff(++_failures);
                Log.Transient(logger, Label, Service, result.StatusCode ?? 0, Shorten(result.Reason), backoff.TotalSeconds);
                _holdUntil = now + backoff;
                destination.SetBackingOff(true);
                counters.FailedAttempt(Label);
                await CarryOnAsync(token => outbox.RecordFailureAsync([.. batch.Select(message => message.Id)], now + backoff, token)).ConfigureAwait(false);
                var status = result.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no answer";
                destination.SetState(DestinationState.Waiting, _holdUntil, Invariant($"delivery failed ({status}): {Shorten(result.Reason)}"));
                return false;
        }
    }

    private void Resume(int pending)
    {
        destination.SetStopped(false);
        SetSitesStopped(false);
        Log.WebhookBack(logger, Label, Service, pending);
    }

    private void SetSitesStopped(bool stopped)
    {
        foreach (var site in destination.OwnSites)
        {
            statusBoard.SetWebhookStopped(site, stopped);
        }
    }

    /// <summary>"Discord", "ntfy", "Telegram", "Slack", "the JSON endpoint": who answered, for messages.</summary>
    private string Service => destination.Kind switch
    {
        DestinationKind.Discord => "Discord",
        DestinationKind.Ntfy => "ntfy",
        DestinationKind.Telegram => "Telegram",
        DestinationKind.Slack => "Slack",
        _ => "the JSON endpoint",
    };

    private async Task DeadLetterAsync(QueuedMessage message, string reason)
    {
        await CarryOnAsync(token => outbox.DeadLetterAsync(message.Id, reason, token)).ConfigureAwait(false);
        counters.DeadLettered(Label);
    }

    /// <summary>
    /// A store that cannot be written (disk full, read-only directory) must not stop delivery: the JSON outbox keeps
    /// the change in memory and writes it next time; the store has already logged the cause.
    /// </summary>
    private async Task CarryOnAsync(Func<CancellationToken, Task> change)
    {
        try
        {
            await change(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            Log.OutboxNotSaved(logger, Label);
        }
    }

    private async Task<int> RefreshCountsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await outbox.CountAsync(Key, cancellationToken).ConfigureAwait(false);
        var deadLetters = await outbox.DeadLetterCountAsync(Key, cancellationToken).ConfigureAwait(false);
        destination.SetCounts(pending, deadLetters, now);
        return pending;
    }

    private async Task SleepAsync(DateTimeOffset? until, CancellationToken stopping)
    {
        var wake = destination.BeginSleep(until);
        try
        {
            if (until is not { } end)
            {
                await wake.WaitAsync(stopping).ConfigureAwait(false);
                return;
            }

            var left = end - Now;
            if (left <= TimeSpan.Zero || wake.IsCompleted)
            {
                return;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = Task.Delay(left, timeProvider, timer.Token);
            await Task.WhenAny(wake, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            stopping.ThrowIfCancellationRequested();
        }
        finally
        {
            destination.EndSleep();
        }
    }

    private static TimeSpan Backoff(int failures)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 20)));
        // Jitter spreads retries of several webhooks so they do not hit Discord in lockstep after an outage.
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private static DateTimeOffset Latest(DateTimeOffset first, DateTimeOffset second, DateTimeOffset third) =>
        first > second ? (first > third ? first : third) : (second > third ? second : third);

    private static string Shorten(string? reason) => reason is null ? "" : reason.Length <= 200 ? reason : string.Concat(reason.AsSpan(0, 199), "…");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: delivered: {Title}")]
        public static partial void Delivered(ILogger logger, string destination, string title);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Destination}: the state database could not record a delivery attempt (see the error above); the monitor carries on from memory and records it with the next write. A restart before then may repeat that message once.")]
        public static partial void OutboxNotSaved(ILogger logger, string destination);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: {Service} rate limit, waiting {Seconds:F2} s (global: {Global})")]
        public static partial void RateLimited(ILogger logger, string destination, string service, double seconds, bool global);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Destination}: {Service} refused the message for listing {CompositeId} with {Status}: {Reason}. It is moved to the dead letters, not retried; please report this with the reason.")]
        public static partial void Rejected(ILogger logger, string destination, string service, string compositeId, int status, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Destination}: {Service} webhook {Masked} answered {Status}: it was deleted or its token is wrong. Delivery to it is stopped; {Pending} message(s) stay queued and its new listings are offered again each cycle. Set a valid {Variable} and restart. Until then one message is tried every {Minutes:F0} min, in case the answer was a glitch.")]
        public static partial void WebhookGone(ILogger logger, string destination, string service, string masked, int status, string variable, int pending, double minutes);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Destination}: the stopped {Service} webhook still answers {Status}; {Pending} message(s) stay queued. Set a valid {Variable} and restart; next try in {Minutes:F0} min.")]
        public static partial void WebhookStillGone(ILogger logger, string destination, string service, int status, string variable, int pending, double minutes);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: the stopped {Service} webhook accepts messages again; delivering the {Pending} queued message(s).")]
        public static partial void WebhookBack(ILogger logger, string destination, string service, int pending);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Destination}: {Service} delivery failed (status {Status}: {Reason}); retrying in {Seconds:F0} s. Messages stay queued.")]
        public static partial void Transient(ILogger logger, string destination, string service, int status, string reason, double seconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Destination}: queued message {MessageId} (listing {CompositeId}, format {Format}) cannot be read as a Discord embed or notification event, or its channel cannot send it; it is moved to the dead letters, not retried, and the others are delivered. Please report this; the stored payload shows what went wrong.")]
        public static partial void Unreadable(ILogger logger, string destination, long messageId, string compositeId, string format);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Destination}: delivery failed unexpectedly; retrying in {Seconds:F0} s, messages stay queued. Please report this with the exception below.")]
        public static partial void PassFailed(ILogger logger, Exception exception, string destination, double seconds);
    }
}
