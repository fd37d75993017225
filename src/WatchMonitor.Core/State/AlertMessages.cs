namespace WatchMonitor.State;

/// <summary>Where a listing's alert was posted on a destination that lets a later message edit it.</summary>
public readonly record struct AlertMessage(string MessageId, string? ThreadId);

/// <summary>
/// The <c>alert_message</c> table: the message that announced each listing per destination, keyed by the listing's
/// URL, so that a price change or sale edits it. Bounded by the listings: a row goes when the last listing with its
/// URL is trimmed.
/// </summary>
public sealed class AlertMessages(StateDatabase database, TimeProvider timeProvider)
{
    public AlertMessage? Find(string siteKey, string url, string destinationKey) => database.Read<AlertMessage?>(connection =>
    {
        using var command = SqlValues.Command(connection, null, "SELECT message_id, thread_id FROM alert_message WHERE site = @site AND url = @url AND destination = @destination;");
        command.Bind("@site", siteKey);
        command.Bind("@url", url);
        command.Bind("@destination", destinationKey);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AlertMessage(reader.GetString(0), SqlValues.ReadText(reader, 1)) : null;
    });

    /// <summary>Keeps the first alert of a listing: later messages about it edit that one.</summary>
    public void Remember(string siteKey, string url, string destinationKey, AlertMessage message) => database.Write((connection, transaction) =>
    {
        using var command = SqlValues.Command(connection, transaction, """
            INSERT INTO alert_message (site, url, destination, message_id, thread_id, posted_at)
                VALUES (@site, @url, @destination, @message, @thread, @now)
                ON CONFLICT (site, url, destination) DO NOTHING;
            """);
        command.Bind("@site", siteKey);
        command.Bind("@url", url);
        command.Bind("@destination", destinationKey);
        command.Bind("@message", message.MessageId);
        command.Bind("@thread", SqlValues.Text(message.ThreadId));
        command.Bind("@now", SqlValues.Time(timeProvider.GetUtcNow()));
        command.ExecuteNonQuery();
    });

    /// <summary>The alert was deleted on the destination: the next change posts a new one.</summary>
    public void Forget(string siteKey, string url, string destinationKey) => database.Write((connection, transaction) =>
    {
        using var command = SqlValues.Command(connection, transaction, "DELETE FROM alert_message WHERE site = @site AND url = @url AND destination = @destination;");
        command.Bind("@site", siteKey);
        command.Bind("@url", url);
        command.Bind("@destination", destinationKey);
        command.ExecuteNonQuery();
    });
}
