using Microsoft.Extensions.Logging;
using WatchMonitor.Notifications.Delivery;
using WatchMonitor.Notifications.Discord;
using WatchMonitor.Notifications.Events;
using WatchMonitor.Notifications.Routing;
using WatchMonitor.State;

namespace WatchMonitor.Notifications.Channels.Discord;

/// <summary>
/// Discord webhooks: embeds with no mentions allowed, a forum post per message where a thread name is set, and for
/// a price change or sale an edit of the listing's original alert (<see cref="DiscordUpdates"/>). A burst of new
/// listings shares messages (up to ten embeds each); only an alert posted alone is remembered for editing, since an
/// edit replaces every embed of its message. A change of an alert that shared its message is posted as a new one.
/// </summary>
public sealed partial class DiscordSender(
    DiscordWebhookClient client,
    ListingEmbedBuilder embeds,
    AlertMessages alerts,
    NotificationOptions options,
    ILogger<DiscordSender> logger) : IChannelSender
{
    public DestinationKind Kind => DestinationKind.Discord;

    public bool CanSend(PendingNotification notification) => notification is { Event: not null } or { LegacyEmbed: not null };

    public int CountForOnePost(DeliveryDestination destination, IReadOnlyList<PendingNotification> due)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(due);
        if (destination.ThreadName is not null || !Batchable(due[0]))
        {
            return 1;
        }

        var legacy = due[0].Event is null;
        var alike = due.TakeWhile(pending => (pending.Event is null) == legacy && Batchable(pending)).Select(Embed).ToList();
        return DiscordMessageBatcher.CountFittingInOneMessage(alike);
    }

    public async Task<WebhookPostResult> SendAsync(DeliveryDestination destination, IReadOnlyList<PendingNotification> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        var single = batch.Count == 1 ? batch[0].Event : null;
        var editable = single is { Listing: not null, Test: false } && options.DiscordUpdates != DiscordUpdates.New;
        if (editable && single!.IsPriceChange && await EditOriginalAsync(destination, single, cancellationToken).ConfigureAwait(false) is { } edited)
        {
            return edited;
        }

        var threadName = destination.ThreadName is { } template && single is not null
            ? ThreadNames.Render(template, ListingEmbedBuilder.Marked(single, single.Headline), single.SiteName)
            : null;
        var message = new DiscordMessage([.. batch.Select(Embed)]) { ThreadName = threadName };
        var result = await client.PostAsync(destination.WebhookUrl, message, cancellationToken).ConfigureAwait(false);
        if (editable && result is { Outcome: WebhookPostOutcome.Delivered, MessageId: { } messageId })
        {
            Remember(() => alerts.Remember(single!.Site, single.Listing!.Url, destination.Key, new AlertMessage(messageId, threadName is null ? null : result.ChannelId)));
        }

        return result;
    }

    /// <returns>The answer to hand back (the edit is all that is wanted, or it failed in a way the loop must see); null to post the change as well.</returns>
    private async Task<WebhookPostResult?> EditOriginalAsync(DeliveryDestination destination, NotificationEvent change, CancellationToken cancellationToken)
    {
        var listing = change.Listing!;
        if (alerts.Find(change.Site, listing.Url, destination.Key) is not { } original)
        {
            return null;
        }

        var edit = await client.EditAsync(destination.WebhookUrl, original.MessageId, original.ThreadId, new DiscordMessage([embeds.BuildEditedAlert(change)]), cancellationToken).ConfigureAwait(false);
        switch (edit.Outcome)
        {
            case WebhookPostOutcome.Delivered:
                return options.DiscordUpdates == DiscordUpdates.Edit ? edit with { MessageId = original.MessageId } : null;
            case WebhookPostOutcome.Rejected:
                // Deleted in Discord, or too old to edit: the change is posted as a message of its own instead.
                Log.EditRefused(logger, destination.Key, change.Site, listing.Url, edit.StatusCode ?? 0);
                Remember(() => alerts.Forget(change.Site, listing.Url, destination.Key));
                return null;
            default:
                return edit;
        }
    }

    // A change that edits its alert, and a forum post (one per listing), go alone; a burst of new alerts shares messages.
    private bool Batchable(PendingNotification pending) =>
        options.DiscordUpdates == DiscordUpdates.New || pending.Event is not { IsPriceChange: true };

    private DiscordEmbed Embed(PendingNotification pending) => pending.Event is { } notification ? embeds.Build(notification) : pending.LegacyEmbed!;

    private void Remember(Action write)
    {
        try
        {
            write();
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            // The message is delivered; without its id only a later edit is lost, which must not repeat the post.
            Log.AlertNotRemembered(logger, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "{Destination}: the original alert of {Site} {Url} could not be edited (Discord answered {Status}: deleted, or too old); the change is posted as a new message.")]
        public static partial void EditRefused(ILogger logger, string destination, string site, string url, int status);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A Discord message id could not be saved ({Reason}); a later price change of that listing is posted as a new message instead of editing it. Check free disk space.")]
        public static partial void AlertNotRemembered(ILogger logger, string reason);
    }
}
